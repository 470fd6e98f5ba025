package io.ticketsuite.routing.messaging;

import static io.ticketsuite.routing.TestEvents.created;
import static io.ticketsuite.routing.TestEvents.triaged;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.Topics;
import io.ticketsuite.testkit.TestInfrastructure;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A batch of several tickets routed in one transaction (the consumer's own path, a real database): each choice sees the
 * assignments the batch made before it. The clinical-safety team chooses the least loaded of its two agents; one
 * starts with three open tickets more than the other, so of five safety tickets the other gets three before they take
 * turns. A choice that read the agents' load as the batch found it would give all five to the same agent.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "routing"))
class RoutingBatchTest {
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final String BUSY = "agent-clinical-safety-1";
    private static final String FREE = "agent-clinical-safety-2";

    @Inject
    RoutingConsumer consumer;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry registry;

    @Inject
    DataSource dataSource;

    @Test
    void eachChoiceOfABatchSeesTheAssignmentsMadeBeforeIt() throws Exception {
        List<UUID> tickets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tickets.add(UUID.randomUUID());
        }
        try {
            sql("UPDATE agent SET status = 'AVAILABLE', open_assignments = CASE id WHEN '" + BUSY + "' THEN 3 ELSE 0"
                    + " END WHERE team_id = 'clinical-safety'");
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            for (UUID ticket : tickets) {
                records.add(record(Topics.TICKET_EVENTS, records.size(), created(ticket, CustomerTier.STARTER, "en")));
            }
            for (UUID ticket : tickets) {
                records.add(record(Topics.TRIAGE_EVENTS, records.size(), triaged(ticket, "safety", Priority.P1)));
            }
            long transactions = transactions();
            consume(records);
            assertThat(transactions() - transactions).as("one transaction").isEqualTo(1);

            Map<String, Integer> assigned = new TreeMap<>();
            for (UUID ticket : tickets) {
                assigned.merge(
                        query("SELECT agent_id FROM assignment WHERE ticket_id = '" + ticket + "'"), 1, Integer::sum);
            }
            assertThat(assigned).containsExactlyEntriesOf(new TreeMap<>(Map.of(BUSY, 1, FREE, 4)));
            assertThat(query("SELECT open_assignments FROM agent WHERE id = '" + BUSY + "'"))
                    .isEqualTo("4");
            assertThat(query("SELECT open_assignments FROM agent WHERE id = '" + FREE + "'"))
                    .isEqualTo("4");
        } finally {
            // the counters this test set by hand back to what the assignments say, as every other test expects
            sql("UPDATE agent SET open_assignments = (SELECT count(*) FROM assignment a WHERE a.agent_id = agent.id"
                    + " AND a.open) WHERE team_id = 'clinical-safety'");
        }
    }

    /**
     * A consumer that fell behind gets full polls: 1,500 tickets' creation and triage, 3,000 events, in one batch, all
     * routed in one transaction. Nested one {@code chain} per event, the first version of this batch overflowed the
     * event loop's stack (512 KiB in the suite and in this module's tests) and its transaction never ended.
     */
    @Test
    void aFullPollOfThousandsOfEventsIsRoutedInOneTransaction() throws Exception {
        List<UUID> tickets = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            tickets.add(UUID.randomUUID());
        }
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (UUID ticket : tickets) {
            records.add(record(Topics.TICKET_EVENTS, records.size(), created(ticket, CustomerTier.FREE, "en")));
            records.add(record(Topics.TRIAGE_EVENTS, records.size(), triaged(ticket, "billing", Priority.P3)));
        }
        String ids = String.join("','", tickets.stream().map(UUID::toString).toList());
        try {
            long transactions = transactions();
            consume(records);

            assertThat(transactions() - transactions).as("one transaction").isEqualTo(1);
            assertThat(query("SELECT count(*) FROM assignment WHERE ticket_id IN ('" + ids + "')"))
                    .isEqualTo("1500");
            assertThat(query("SELECT count(*) FROM routing_ticket WHERE assigned AND ticket_id IN ('" + ids + "')"))
                    .isEqualTo("1500");
        } finally {
            // these tickets closed, and every agent's counter back to what the open assignments say: the other tests
            // of this JVM choose by load
            sql("UPDATE assignment SET open = false WHERE ticket_id IN ('" + ids + "')");
            sql("UPDATE routing_ticket SET ticket_open = false WHERE ticket_id IN ('" + ids + "')");
            sql("UPDATE agent SET open_assignments = (SELECT count(*) FROM assignment a WHERE a.agent_id = agent.id"
                    + " AND a.open)");
        }
    }

    /** Consumer transactions so far (the meter exists once the inbox has been used). */
    private long transactions() {
        DistributionSummary batches = registry.find("ts.events.batch.size").summary();
        return batches == null ? 0 : batches.count();
    }

    /** Hands the records to the consumer as one poll's batch, on a Vert.x context of its own, as its channel does. */
    private void consume(List<ConsumerRecord<String, String>> records) throws Exception {
        Map<TopicPartition, List<ConsumerRecord<String, String>>> byPartition = new LinkedHashMap<>();
        records.forEach(r -> byPartition
                .computeIfAbsent(new TopicPartition(r.topic(), r.partition()), p -> new ArrayList<>())
                .add(r));
        CompletableFuture<Void> done = new CompletableFuture<>();
        io.vertx.core.Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> consumer.onEvents(new ConsumerRecords<>(byPartition, Map.of()))
                .subscribe()
                .with(done::complete, done::completeExceptionally));
        done.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static ConsumerRecord<String, String> record(String topic, long offset, EventEnvelope<?> envelope) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(
                topic, 0, offset, envelope.data().ticketId().toString(), EventCodec.toJson(envelope.data()));
        EventCodec.headers(envelope).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(statement)) {
            update.executeUpdate();
        }
    }

    private String query(String statement) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(statement);
                ResultSet rows = select.executeQuery()) {
            assertThat(rows.next()).as(statement).isTrue();
            return rows.getString(1);
        }
    }
}
