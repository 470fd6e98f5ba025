package io.ticketsuite.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.TicketReopened;
import io.ticketsuite.local.KafkaBroker;
import io.ticketsuite.local.Processes;
import io.ticketsuite.testkit.SharedInfra;
import io.ticketsuite.testkit.TopicProbe;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;

/** The relay against a real PostgreSQL and a real broker. */
class OutboxRelayTest {
    private static final OutboxRelay.Settings FAST = new OutboxRelay.Settings(
            50, Duration.ofMillis(10), Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ZERO, Duration.ZERO);

    private String database;
    private PGSimpleDataSource dataSource;
    private final List<OutboxRelay> relays = new ArrayList<>();

    @BeforeEach
    void createOutbox() throws Exception {
        database = SharedInfra.createDatabase("kit");
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(SharedInfra.postgres().jdbcUrl(database));
        dataSource.setUser(SharedInfra.postgres().user());
        dataSource.setPassword(SharedInfra.postgres().password());
        for (String migration : List.of(
                "/db/kit/V0_1__kit_outbox_and_inbox.sql",
                "/db/kit/V0_2__kit_processed_event_retention.sql",
                "/db/kit/V0_3__kit_outbox_notify.sql")) {
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
    void shouldDeliverEveryRowExactlyOnceWithTwoRelaysRunning() throws Exception {
        String topic = "kit-test-" + UUID.randomUUID();
        KafkaBroker.createTopics(SharedInfra.kafkaBootstrap(), List.of(topic), 6);
        List<EventEnvelope<TicketReopened>> events = insert(topic, 600);

        relays.add(relay("relay-a", SharedInfra.kafkaBootstrap()));
        relays.add(relay("relay-b", SharedInfra.kafkaBootstrap()));
        relays.forEach(OutboxRelay::start);

        List<ConsumerRecord<String, String>> received = readAll(SharedInfra.kafkaBootstrap(), topic, 600);
        assertThat(received).hasSize(600);
        assertThat(received.stream()
                        .map(r -> TopicProbe.header(r, CloudEventHeaders.ID))
                        .collect(Collectors.toSet()))
                .hasSize(600)
                .isEqualTo(events.stream().map(e -> e.id().toString()).collect(Collectors.toSet()));
        ConsumerRecord<String, String> first = received.get(0);
        EventEnvelope<?> decoded = EventCodec.decode(TopicProbe.headers(first), first.value());
        assertThat(first.key()).isEqualTo(decoded.subject());
        assertThat(TopicProbe.header(first, CloudEventHeaders.TYPE)).isEqualTo("ticket.reopened");
        assertThat(TopicProbe.header(first, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(TopicProbe.header(first, CloudEventHeaders.SOURCE)).isEqualTo("kit-test");
        assertThat(unsent()).isZero();
        assertThat(count("SELECT count(*) FROM outbox"))
                .as("sent rows are deleted")
                .isZero();
        // nothing more arrives later: each row was sent by exactly one relay
        assertThat(readAll(SharedInfra.kafkaBootstrap(), topic, 601, Duration.ofSeconds(3)))
                .hasSize(600);
    }

    @Test
    void shouldKeepEachTicketsOrderWithTwoRelaysOnOneOutbox() throws Exception {
        String topic = "kit-test-" + UUID.randomUUID();
        KafkaBroker.createTopics(SharedInfra.kafkaBootstrap(), List.of(topic), 6);
        List<UUID> tickets = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Map<String, List<String>> written = new java.util.HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO outbox (event_id, topic, message_key, event_type, headers, payload)"
                                + " VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < 800; i++) {
                UUID ticket = tickets.get(i % tickets.size());
                EventEnvelope<TicketReopened> event = EventEnvelope.of(
                        "kit-test", new TicketReopened(ticket, "again " + i, Instant.now()), Instant.now());
                insert.setObject(1, event.id());
                insert.setString(2, topic);
                insert.setString(3, event.subject());
                insert.setString(4, event.type().ceType());
                insert.setString(5, EventCodec.mapper().writeValueAsString(EventCodec.headers(event)));
                insert.setString(6, EventCodec.toJson(event.data()));
                insert.addBatch();
                written.computeIfAbsent(event.subject(), k -> new ArrayList<>())
                        .add(event.id().toString());
            }
            insert.executeBatch();
        }
        SimpleMeterRegistry registryB = new SimpleMeterRegistry();
        relays.add(relay("relay-a", SharedInfra.kafkaBootstrap()));
        relays.add(new OutboxRelay("relay-b", dataSource, SharedInfra.kafkaBootstrap(), FAST, registryB));
        relays.forEach(OutboxRelay::start);

        List<ConsumerRecord<String, String>> received = readAll(SharedInfra.kafkaBootstrap(), topic, 800);
        assertThat(received).hasSize(800);
        Map<String, List<String>> arrived = new java.util.HashMap<>();
        for (ConsumerRecord<String, String> record : received) {
            arrived.computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(TopicProbe.header(record, CloudEventHeaders.ID));
        }
        for (UUID ticket : tickets) {
            assertThat(arrived.get(ticket.toString()))
                    .as("events of ticket %s in the order written", ticket)
                    .containsExactlyElementsOf(written.get(ticket.toString()));
        }
        assertThat(unsent()).isZero();
    }

    @Test
    void shouldDeliverRowsWrittenWhileTheBrokerWasDownOnceItIsBack() throws Exception {
        Path home = Files.createTempDirectory("kit-broker");
        KafkaBroker broker =
                new KafkaBroker(home, Processes.freePort(), Processes.freePort(), "384m").start(Duration.ofSeconds(60));
        try {
            String topic = "ticket-events";
            OutboxRelay relay = relay("relay-outage", broker.bootstrapServers());
            relays.add(relay);
            relay.start();
            insert(topic, 5);
            assertThat(readAll(broker.bootstrapServers(), topic, 5)).hasSize(5);

            broker.stop();
            insert(topic, 20);
            Thread.sleep(1500);
            assertThat(unsent()).as("rows stay unsent while the broker is down").isEqualTo(20);

            broker.start(Duration.ofSeconds(60));
            List<ConsumerRecord<String, String>> all = readAll(broker.bootstrapServers(), topic, 25);
            assertThat(all.stream()
                            .map(r -> TopicProbe.header(r, CloudEventHeaders.ID))
                            .collect(Collectors.toSet()))
                    .hasSize(25);
            assertThat(unsent()).isZero();
        } finally {
            broker.stop();
            Processes.run(List.of("rm", "-rf", home.toString()), Duration.ofSeconds(30));
        }
    }

    @Test
    void shouldSetAsideARowThatCannotBeEncodedAndKeepRelaying() throws Exception {
        String topic = "kit-test-" + UUID.randomUUID();
        KafkaBroker.createTopics(SharedInfra.kafkaBootstrap(), List.of(topic), 6);
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO outbox (event_id, topic, message_key, event_type, headers, payload) VALUES"
                    + " ('" + UUID.randomUUID() + "', '" + topic + "', 'k', 'ticket.reopened', 'not json', '{}')");
        }
        insert(topic, 3);
        OutboxRelay relay = relay("relay-poison", SharedInfra.kafkaBootstrap());
        relays.add(relay);
        relay.start();

        assertThat(readAll(SharedInfra.kafkaBootstrap(), topic, 3)).hasSize(3);
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL AND error IS NOT NULL")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }
    }

    @Test
    void shouldPublishTheEventsOfOneTicketInTheOrderTheyWereWritten() throws Exception {
        String topic = "kit-test-" + UUID.randomUUID();
        KafkaBroker.createTopics(SharedInfra.kafkaBootstrap(), List.of(topic), 6);
        UUID ticket = UUID.randomUUID();
        List<String> written = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO outbox (event_id, topic, message_key, event_type, headers, payload)"
                                + " VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < 120; i++) {
                EventEnvelope<TicketReopened> event = EventEnvelope.of(
                        "kit-test", new TicketReopened(ticket, "again " + i, Instant.now()), Instant.now());
                insert.setObject(1, event.id());
                insert.setString(2, topic);
                insert.setString(3, event.subject());
                insert.setString(4, event.type().ceType());
                insert.setString(5, EventCodec.mapper().writeValueAsString(EventCodec.headers(event)));
                insert.setString(6, EventCodec.toJson(event.data()));
                insert.executeUpdate();
                written.add(event.id().toString());
            }
        }
        relays.add(relay("relay-order", SharedInfra.kafkaBootstrap()));
        relays.get(0).start();

        List<String> received = readAll(SharedInfra.kafkaBootstrap(), topic, 120).stream()
                .map(r -> TopicProbe.header(r, CloudEventHeaders.ID))
                .toList();
        assertThat(received).containsExactlyElementsOf(written);
    }

    @Test
    void shouldChooseTheBatchOnceNotPerRow() throws Exception {
        // with "id IN (locking subquery)" PostgreSQL may plan a join that re-runs the subquery per row (a relay
        // stalled for 40 s that way); "id = ANY(ARRAY(subquery))" makes it an InitPlan, run once
        insert("kit-test-plan", 50);
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE outbox");
            for (String sql : List.of(OutboxRelay.CLAIM_AND_DELETE, OutboxRelay.SELECT)) {
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = statement.executeQuery("EXPLAIN " + sql.replace("?", "500"))) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                assertThat(plan.toString())
                        .as(sql)
                        .contains("InitPlan")
                        .contains("= ANY ((InitPlan")
                        .doesNotContain("Semi Join")
                        .doesNotContain("SubPlan");
            }
        }
    }

    @Test
    void shouldKeepSentRowsStampedWhenARetentionIsSet() throws Exception {
        String topic = "kit-test-" + UUID.randomUUID();
        KafkaBroker.createTopics(SharedInfra.kafkaBootstrap(), List.of(topic), 6);
        insert(topic, 10);
        OutboxRelay.Settings keep = new OutboxRelay.Settings(
                FAST.batchSize(),
                FAST.pollInterval(),
                FAST.maxBackoff(),
                FAST.sendTimeout(),
                Duration.ofHours(1),
                FAST.initialDelay());
        OutboxRelay relay = new OutboxRelay(
                "relay-keep", dataSource, SharedInfra.kafkaBootstrap(), keep, new SimpleMeterRegistry());
        relays.add(relay);
        relay.start();

        assertThat(readAll(SharedInfra.kafkaBootstrap(), topic, 10)).hasSize(10);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(count("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL"))
                        .isEqualTo(10));
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(10);
    }

    @Test
    void shouldNotifyOncePerCommittedTransactionThatWroteTheOutboxAndNeverBeforeTheCommit() throws Exception {
        try (Connection listener = dataSource.getConnection();
                Connection writer = dataSource.getConnection()) {
            try (Statement statement = listener.createStatement()) {
                statement.execute("LISTEN " + OutboxRelay.CHANNEL);
            }
            PGConnection notifications = listener.unwrap(PGConnection.class);
            writer.setAutoCommit(false);
            try (Statement statement = writer.createStatement()) {
                // a multi-row insert and a second insert in one transaction
                statement.execute("INSERT INTO outbox (event_id, topic, message_key, event_type, headers, payload)"
                        + " SELECT gen_random_uuid(), 't', 'k', 'ticket.reopened', '{}', '{}'"
                        + " FROM generate_series(1, 3)");
                statement.execute("INSERT INTO outbox (event_id, topic, message_key, event_type, headers, payload)"
                        + " VALUES (gen_random_uuid(), 't', 'k', 'ticket.reopened', '{}', '{}')");
            }
            assertThat(notifications.getNotifications(300))
                    .as("nothing before the commit")
                    .isNullOrEmpty();
            writer.commit();
            PGNotification[] received = notifications.getNotifications(5_000);
            assertThat(received).hasSize(1);
            assertThat(received[0].getName()).isEqualTo(OutboxRelay.CHANNEL);
            assertThat(notifications.getNotifications(300)).isNullOrEmpty();

            try (Statement statement = writer.createStatement()) {
                statement.execute("INSERT INTO outbox (event_id, topic, message_key, event_type, headers, payload)"
                        + " VALUES (gen_random_uuid(), 't', 'k', 'ticket.reopened', '{}', '{}')");
            }
            writer.rollback();
            assertThat(notifications.getNotifications(300))
                    .as("nothing for a rolled back transaction")
                    .isNullOrEmpty();
        }
    }

    @Test
    void shouldPublishACommittedRowWhenItsCommitIsAnnouncedLongBeforeTheFallbackPoll() throws Exception {
        String topic = "kit-test-" + UUID.randomUUID();
        KafkaBroker.createTopics(SharedInfra.kafkaBootstrap(), List.of(topic), 6);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        listeningRelay("relay-wake", registry);
        awaitListening(registry);
        Thread.sleep(500); // the relay's first round is over: it waits

        long start = System.nanoTime();
        List<EventEnvelope<TicketReopened>> events = insert(topic, 3);
        awaitOutboxEmpty(Duration.ofSeconds(10));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("published on the notification, not the 30 s poll").isLessThan(Duration.ofSeconds(3));
        assertThat(wakeups(registry, "notify")).isGreaterThanOrEqualTo(1);
        assertThat(wakeups(registry, "poll")).isZero();
        assertThat(readAll(SharedInfra.kafkaBootstrap(), topic, 3).stream()
                        .map(r -> TopicProbe.header(r, CloudEventHeaders.ID))
                        .collect(Collectors.toSet()))
                .isEqualTo(events.stream().map(e -> e.id().toString()).collect(Collectors.toSet()));
    }

    @Test
    void shouldListenAgainAfterItsConnectionIsTerminatedAndPublishWhatWasCommittedMeanwhile() throws Exception {
        String topic = "kit-test-" + UUID.randomUUID();
        KafkaBroker.createTopics(SharedInfra.kafkaBootstrap(), List.of(topic), 6);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        listeningRelay("relay-lost", registry);
        awaitListening(registry);
        Thread.sleep(500);

        // rows committed right after the listener's backend is gone: their notification reaches nobody
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            insertWith(connection, topic, 4);
            try (PreparedStatement terminate =
                    connection.prepareStatement("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND application_name = ?")) {
                terminate.setString(1, "relay-lost" + OutboxRelay.LISTENER_SUFFIX);
                try (ResultSet rs = terminate.executeQuery()) {
                    assertThat(rs.next()).as("the relay's listen connection").isTrue();
                    assertThat(rs.getBoolean(1)).isTrue();
                }
            }
            connection.commit();
        }
        awaitOutboxEmpty(Duration.ofSeconds(10));
        assertThat(wakeups(registry, "connect")).as("it listened again").isEqualTo(2);
        assertThat(wakeups(registry, "poll")).isZero();
        awaitListening(registry);

        // and listens: the next commit is announced to it
        double notified = wakeups(registry, "notify");
        long start = System.nanoTime();
        insert(topic, 1);
        awaitOutboxEmpty(Duration.ofSeconds(10));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(wakeups(registry, "notify")).isGreaterThan(notified);
        assertThat(readAll(SharedInfra.kafkaBootstrap(), topic, 5)).hasSize(5);
    }

    @Test
    void shouldPollWhenItsConnectionsCannotListen() throws Exception {
        String topic = "kit-test-" + UUID.randomUUID();
        KafkaBroker.createTopics(SharedInfra.kafkaBootstrap(), List.of(topic), 6);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OutboxRelay relay =
                new OutboxRelay("relay-poll", notPostgres(dataSource), SharedInfra.kafkaBootstrap(), FAST, registry);
        relays.add(relay);
        relay.start();
        Thread.sleep(300);
        insert(topic, 3);

        assertThat(readAll(SharedInfra.kafkaBootstrap(), topic, 3)).hasSize(3);
        assertThat(registry.get("ts.outbox.listening").gauge().value()).isZero();
        assertThat(wakeups(registry, "connect")).isZero();
        assertThat(wakeups(registry, "notify")).isZero();
        assertThat(wakeups(registry, "poll")).isGreaterThan(1);
    }

    /** A relay that listens, with a fallback poll far longer than anything these tests wait for. */
    private OutboxRelay listeningRelay(String name, SimpleMeterRegistry registry) {
        OutboxRelay.Settings settings = new OutboxRelay.Settings(
                FAST.batchSize(),
                FAST.pollInterval(),
                FAST.maxBackoff(),
                FAST.sendTimeout(),
                FAST.retention(),
                FAST.initialDelay(),
                Duration.ofSeconds(30));
        OutboxRelay relay = new OutboxRelay(name, dataSource, SharedInfra.kafkaBootstrap(), settings, registry);
        relays.add(relay);
        relay.start();
        return relay;
    }

    private static void awaitListening(SimpleMeterRegistry registry) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> registry.get("ts.outbox.listening").gauge().value() == 1);
    }

    private static double wakeups(SimpleMeterRegistry registry, String cause) {
        return registry.get("ts.outbox.wakeups").tag("cause", cause).counter().count();
    }

    private void awaitOutboxEmpty(Duration atMost) {
        org.awaitility.Awaitility.await()
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> count("SELECT count(*) FROM outbox") == 0);
    }

    /** The same database through connections that are not PostgreSQL's driver's (they cannot be unwrapped). */
    private static DataSource notPostgres(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(
                OutboxRelayTest.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (result instanceof Connection connection) {
                        return Proxy.newProxyInstance(
                                OutboxRelayTest.class.getClassLoader(),
                                new Class<?>[] {Connection.class},
                                (p, m, a) -> switch (m.getName()) {
                                    case "isWrapperFor" -> false;
                                    case "unwrap" -> throw new SQLException("not a wrapper");
                                    default -> invoke(connection, m, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private long count(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private OutboxRelay relay(String name, String bootstrap) {
        return new OutboxRelay(name, dataSource, bootstrap, FAST, new SimpleMeterRegistry());
    }

    private List<EventEnvelope<TicketReopened>> insert(String topic, int count) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return insertWith(connection, topic, count);
        }
    }

    private static List<EventEnvelope<TicketReopened>> insertWith(Connection connection, String topic, int count)
            throws Exception {
        List<EventEnvelope<TicketReopened>> events = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO outbox (event_id, topic, message_key, event_type, headers, payload)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                EventEnvelope<TicketReopened> event = EventEnvelope.of(
                        "kit-test", new TicketReopened(UUID.randomUUID(), "again " + i, Instant.now()), Instant.now());
                insert.setObject(1, event.id());
                insert.setString(2, topic);
                insert.setString(3, event.subject());
                insert.setString(4, event.type().ceType());
                insert.setString(5, EventCodec.mapper().writeValueAsString(EventCodec.headers(event)));
                insert.setString(6, EventCodec.toJson(event.data()));
                insert.addBatch();
                events.add(event);
            }
            insert.executeBatch();
        }
        return events;
    }

    private long unsent() throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM outbox WHERE sent_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic, int expected) {
        return readAll(bootstrap, topic, expected, Duration.ofSeconds(45));
    }

    /** Reads the topic from the start until {@code expected} records arrived or the timeout passed. */
    private static List<ConsumerRecord<String, String>> readAll(
            String bootstrap, String topic, int expected, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record);
                }
            }
        }
        return records;
    }
}
