package io.ticketsuite.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.TicketReopened;
import io.ticketsuite.local.KafkaBroker;
import io.ticketsuite.local.Processes;
import io.ticketsuite.testkit.SharedInfra;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The relay's producer takes the service's Kafka client configuration: against a broker whose listener requires
 * SASL/SCRAM, a relay with the credentials publishes, one without them (or with a wrong password) does not, and its
 * rows stay in the outbox.
 */
class OutboxRelaySaslTest {
    private static final OutboxRelay.Settings FAST = new OutboxRelay.Settings(
            50, Duration.ofMillis(10), Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ZERO, Duration.ZERO);
    private static final String TOPIC = "kit-sasl-test";

    private static KafkaBroker broker;
    private String database;
    private PGSimpleDataSource dataSource;
    private final List<OutboxRelay> relays = new ArrayList<>();

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        broker = new KafkaBroker(
                        Files.createTempDirectory("ts-test-kafka-sasl"),
                        Processes.freePort(),
                        Processes.freePort(),
                        "384m")
                .withScramListener(Processes.freePort(), Map.of("intake-service", "s3cret"));
        broker.start(Duration.ofSeconds(60));
        KafkaBroker.createTopics(broker.bootstrapServers(), List.of(TOPIC), 1);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @BeforeEach
    void createOutbox() throws Exception {
        database = SharedInfra.createDatabase("kitsasl");
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(SharedInfra.postgres().jdbcUrl(database));
        dataSource.setUser(SharedInfra.postgres().user());
        dataSource.setPassword(SharedInfra.postgres().password());
        for (String migration :
                List.of("/db/kit/V0_1__kit_outbox_and_inbox.sql", "/db/kit/V0_2__kit_processed_event_retention.sql")) {
            String ddl = new String(getClass().getResourceAsStream(migration).readAllBytes(), StandardCharsets.UTF_8);
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute(ddl);
            }
        }
    }

    @AfterEach
    void dropOutbox() {
        relays.forEach(OutboxRelay::close);
        SharedInfra.dropDatabase(database);
    }

    @Test
    void shouldPublishThroughAScramListenerWithTheServicesCredentials() throws Exception {
        List<String> ids = insert(5);
        Map<String, Object> kafka = new HashMap<>(KafkaBroker.scramClientConfig("intake-service", "s3cret"));
        kafka.put("bootstrap.servers", broker.saslBootstrapServers());
        // what a service's kafka.* properties also hold, which a producer must not be given
        kafka.put("group.id", "not-for-a-producer");
        kafka.put("health.enabled", "true");

        OutboxRelay relay = relay(kafka);

        assertThat(relay.relayOnce()).isEqualTo(5);
        assertThat(unsent()).isZero();
        assertThat(readAll(5).stream().map(r -> r.key()).toList()).hasSize(5);
        assertThat(readAll(5).stream()
                        .map(r -> new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8))
                        .toList())
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void shouldNotPublishWithoutCredentials() throws Exception {
        insert(3);
        OutboxRelay relay = relay(Map.of("bootstrap.servers", broker.saslBootstrapServers()));

        assertThatThrownBy(relay::relayOnce).isInstanceOf(SQLException.class);
        assertThat(unsent()).as("the rows stay for a later round").isEqualTo(3);
    }

    @Test
    void shouldNotPublishWithAWrongPassword() throws Exception {
        insert(3);
        Map<String, Object> kafka = new HashMap<>(KafkaBroker.scramClientConfig("intake-service", "wrong"));
        kafka.put("bootstrap.servers", broker.saslBootstrapServers());
        OutboxRelay relay = relay(kafka);

        assertThatThrownBy(relay::relayOnce)
                .isInstanceOf(SQLException.class)
                .hasStackTraceContaining("Authentication failed");
        assertThat(unsent()).isEqualTo(3);
    }

    private OutboxRelay relay(Map<String, ?> kafka) {
        OutboxRelay relay = new OutboxRelay("relay-sasl", dataSource, kafka, FAST, new SimpleMeterRegistry());
        relays.add(relay);
        return relay;
    }

    private List<String> insert(int count) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO outbox (" + OutboxWriter.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                EventEnvelope<TicketReopened> event = EventEnvelope.of(
                        "kit-test", new TicketReopened(UUID.randomUUID(), "again " + i, Instant.now()), Instant.now());
                OutboxWriter.Row row = OutboxWriter.Row.of(event);
                insert.setObject(1, row.eventId());
                insert.setString(2, TOPIC);
                insert.setString(3, row.messageKey());
                insert.setString(4, row.eventType());
                insert.setString(5, row.headers());
                insert.setString(6, row.payload());
                insert.addBatch();
                ids.add(event.id().toString());
            }
            insert.executeBatch();
        }
        return ids;
    }

    private long unsent() throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM outbox WHERE sent_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Reads the test topic from the start through the plaintext listener (this test is about the producer). */
    private static List<ConsumerRecord<String, String>> readAll(int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
