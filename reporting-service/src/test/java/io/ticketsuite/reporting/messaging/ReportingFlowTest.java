package io.ticketsuite.reporting.messaging;

import static io.restassured.RestAssured.given;
import static io.ticketsuite.reporting.TestEvents.envelope;
import static io.ticketsuite.reporting.TestEvents.publish;
import static io.ticketsuite.reporting.TestEvents.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.restassured.path.json.JsonPath;
import io.smallrye.common.vertx.VertxContext;
import io.ticketsuite.events.AuthorRole;
import io.ticketsuite.events.Channel;
import io.ticketsuite.events.CsatSubmitted;
import io.ticketsuite.events.Customer;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.IssueRecurringDetected;
import io.ticketsuite.events.NotificationDelivered;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaBreached;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.SlaMet;
import io.ticketsuite.events.SlaWarning;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketCommentAdded;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.Visibility;
import io.ticketsuite.testkit.TestInfrastructure;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Four tickets' events on the real broker, published out of order across and within topics, with duplicates; the
 * summary of their window must equal what was posted. The window is a random day in the past no other test uses.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class ReportingFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @Inject
    ReportingEventsConsumer consumer;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry registry;

    @Test
    void shouldSummariseExactlyWhatWasPostedWhateverTheOrderAndDuplicates() {
        Instant day = Instant.parse("2001-01-01T00:00:00Z")
                .plus(ThreadLocalRandom.current().nextInt(0, 7000), ChronoUnit.DAYS);
        Instant t0 = day.plus(Duration.ofHours(9));
        UUID t1 = UUID.randomUUID();
        UUID t2 = UUID.randomUUID();
        UUID t3 = UUID.randomUUID();
        UUID t4 = UUID.randomUUID();
        String tier2 = "tier-2-" + t2.toString().substring(0, 6);

        // downstream facts first: routing, SLA and triage before the tickets exist here
        publish(new TicketAssigned(t1, "billing", "Billing", "agent-1", "Ada", "lead-b", "billing", null, s(t0, 120)));
        publish(new TicketAssigned(t2, tier2, "Tier 2", "agent-2", "Bo", "lead-t", "technical", null, s(t0, 100)));
        publish(new TicketAssigned(
                t4, "security", "Security", "agent-4", "Cy", "lead-s", "security", null, s(t0, 230)));
        EventEnvelope<SlaWarning> warning = envelope(new SlaWarning(
                t1, SlaClock.RESPONSE, 50, Priority.P2, s(t0, 900), "agent-1", "billing", "lead-b", s(t0, 450)));
        publish(warning);
        publish(warning); // duplicate: counted once
        publish(new SlaWarning(
                t2, SlaClock.RESPONSE, 50, Priority.P1, s(t0, 910), "agent-2", tier2, "lead-t", s(t0, 460)));
        publish(new SlaWarning(
                t2, SlaClock.RESPONSE, 75, Priority.P1, s(t0, 910), "agent-2", tier2, "lead-t", s(t0, 690)));
        EventEnvelope<SlaBreached> breach = envelope(new SlaBreached(
                t2, SlaClock.RESPONSE, 100, Priority.P1, s(t0, 910), "agent-2", tier2, "lead-t", s(t0, 910)));
        publish(breach);
        publish(breach);
        publish(new SlaWarning(t3, SlaClock.RESPONSE, 75, Priority.P4, s(t0, 4000), null, null, null, s(t0, 3000)));
        publish(new SlaMet(t1, SlaClock.RESPONSE, s(t0, 900), s(t0, 300), true));
        publish(new SlaMet(t4, SlaClock.RESPONSE, s(t0, 800), s(t0, 930), false));
        // a reclassification before the triage it corrects
        publish(new TicketReclassified(
                t4, "account", "security", Priority.P3, Priority.P1, "breach words", s(t0, 200)));
        publish(new TicketTriaged(t4, "account", Priority.P3, 0.7, Map.of(), "1", s(t0, 150)));
        publish(new TicketTriaged(t1, "billing", Priority.P2, 0.9, Map.of(), "1", s(t0, 60)));
        publish(new TicketTriaged(t2, "technical", Priority.P1, 0.9, Map.of(), "1", s(t0, 40)));
        publish(new TicketTriaged(t3, "feature", Priority.P4, 0.6, Map.of(), "1", s(t0, 80)));
        // ticket events, the resolution before the transitions that preceded it
        publish(status(t1, TicketStatus.ASSIGNED, TicketStatus.RESOLVED, s(t0, 3600)));
        publish(status(t1, TicketStatus.NEW, TicketStatus.TRIAGED, s(t0, 60)));
        publish(status(t1, TicketStatus.TRIAGED, TicketStatus.ASSIGNED, s(t0, 120)));
        EventEnvelope<TicketCreated> created1 =
                envelope(created(t1, TicketType.SUPPORT, Channel.EMAIL, CustomerTier.ENTERPRISE, t0));
        publish(created1);
        publish(created1);
        publish(created(t2, TicketType.SUPPORT, Channel.CHAT, CustomerTier.PROFESSIONAL, s(t0, 10)));
        publish(status(t2, TicketStatus.TRIAGED, TicketStatus.ASSIGNED, s(t0, 100)));
        publish(created(t3, TicketType.QUESTION, Channel.WEB, CustomerTier.FREE, s(t0, 20)));
        publish(status(t3, TicketStatus.NEW, TicketStatus.TRIAGED, s(t0, 80)));
        publish(created(t4, TicketType.SUPPORT, Channel.API, CustomerTier.STARTER, s(t0, 30)));
        publish(status(t4, TicketStatus.TRIAGED, TicketStatus.ASSIGNED, s(t0, 230)));
        publish(new TicketCommentAdded(
                t1, UUID.randomUUID(), "agent-1", AuthorRole.AGENT, Visibility.PUBLIC, "On it", s(t0, 300)));
        publish(new TicketCommentAdded(
                t4, UUID.randomUUID(), "agent-4", AuthorRole.AGENT, Visibility.INTERNAL, "internal", s(t0, 240)));
        publish(new NotificationDelivered(
                t1,
                UUID.randomUUID(),
                "a@example.com",
                "CUSTOMER",
                "in-app",
                "ticket-acknowledged",
                UUID.randomUUID(),
                s(t0, 1)));
        publish(new CsatSubmitted(t1, 5, "great", s(t0, 4000)));
        // a recurring issue announced at 3 members, then again at 4 (the three again, the fourth added; redelivered)
        UUID cluster = UUID.randomUUID();
        String signature = "kiosk printer " + cluster.toString().substring(0, 6);
        publish(new IssueRecurringDetected(
                t3, signature, List.of(t3, t1, t2), 3, s(t0, 50), cluster, "Technical", List.of("kiosk", "printer")));
        EventEnvelope<IssueRecurringDetected> grown = envelope(new IssueRecurringDetected(
                t4, signature, List.of(t2, t4, t1, t3), 4, s(t0, 60), cluster, "Technical", List.of("kiosk")));
        publish(grown);
        publish(grown);

        Instant from = day;
        Instant to = day.plus(Duration.ofDays(1));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath s = summary(from, to);
            assertThat((long) number(s, "tickets.total")).isEqualTo(4);
            assertThat(s.getMap("tickets.by_status", String.class, Integer.class))
                    .isEqualTo(Map.of("RESOLVED", 1, "ASSIGNED", 2, "TRIAGED", 1));
            assertThat(s.getMap("tickets.by_category", String.class, Integer.class))
                    .isEqualTo(Map.of("billing", 1, "technical", 1, "feature", 1, "security", 1));
            assertThat(s.getMap("tickets.by_priority", String.class, Integer.class))
                    .isEqualTo(Map.of("P1", 2, "P2", 1, "P4", 1));
            assertThat(s.getMap("tickets.by_channel", String.class, Integer.class))
                    .isEqualTo(Map.of("EMAIL", 1, "CHAT", 1, "WEB", 1, "API", 1));
            assertThat(s.getMap("tickets.by_tier", String.class, Integer.class))
                    .isEqualTo(Map.of("ENTERPRISE", 1, "PROFESSIONAL", 1, "FREE", 1, "STARTER", 1));
            assertThat(s.getMap("tickets.by_type", String.class, Integer.class))
                    .isEqualTo(Map.of("SUPPORT", 3, "QUESTION", 1));
            assertThat((long) number(s, "tickets.open")).isEqualTo(3);
            // created → triaged: 60, 30, 60, 120
            assertThat((long) number(s, "time_to_triage.count")).isEqualTo(4);
            assertThat(number(s, "time_to_triage.mean_seconds")).isEqualTo(67.5);
            assertThat(number(s, "time_to_triage.p50_seconds")).isCloseTo(60.0, fivePercent());
            assertThat(number(s, "time_to_triage.p95_seconds")).isCloseTo(120.0, fivePercent());
            // created → assigned: 120, 90, 200
            assertThat(number(s, "time_to_assign.mean_seconds")).isEqualTo(136.667, within());
            assertThat(number(s, "time_to_assign.p50_seconds")).isCloseTo(120.0, fivePercent());
            assertThat(number(s, "time_to_assign.p95_seconds")).isCloseTo(200.0, fivePercent());
            assertThat((long) number(s, "time_to_assign.count")).isEqualTo(3);
            // first response: 300 (reply and sla.met), 900 (late sla.met; the internal note does not count)
            assertThat((long) number(s, "first_response.count")).isEqualTo(2);
            assertThat(number(s, "first_response.mean_seconds")).isEqualTo(600.0);
            assertThat(number(s, "first_response.p50_seconds")).isCloseTo(300.0, fivePercent());
            assertThat(number(s, "first_response.p95_seconds")).isCloseTo(900.0, fivePercent());
            assertThat(number(s, "resolution.p50_seconds")).isCloseTo(3600.0, fivePercent());
            // SLA: 4 warnings (the duplicate once), 1 breach; met 1 (t1), breached 2 (t2 breach, t4 met late)
            assertThat((long) number(s, "sla.warnings")).isEqualTo(4);
            assertThat((long) number(s, "sla.breaches")).isEqualTo(1);
            assertThat((long) number(s, "sla.clocks_met_within_target")).isEqualTo(1);
            assertThat((long) number(s, "sla.clocks_breached")).isEqualTo(2);
            assertThat(number(s, "sla.compliance_percent")).isEqualTo(33.33, within());
            assertThat((long) number(s, "backlog.clocks_at_risk"))
                    .as("t3's response clock, among the open tickets of every test")
                    .isGreaterThanOrEqualTo(1);
            assertThat((long) number(s, "sla.by_priority.P1.response.breached"))
                    .as("t2 breached, t4 met late")
                    .isEqualTo(2);
            assertThat((long) number(s, "sla.by_priority.P1.response.met")).isZero();
            assertThat(number(s, "sla.by_priority.P2.response.compliance_percent"))
                    .isEqualTo(100.0);
            // FCR: t1 resolved after one public agent reply, never reopened
            assertThat((long) number(s, "tickets.resolved")).isEqualTo(1);
            assertThat(number(s, "kpis.find { it.name == 'first_contact_resolution' }.value"))
                    .isEqualTo(100.0);
            assertThat(number(s, "csat.by_team.billing.average")).isEqualTo(5.0);
            assertThat(number(s, "csat.by_agent.agent-1.average")).isEqualTo(5.0);
            assertThat(s.getMap("open_backlog_by_team", String.class, Integer.class))
                    .isEqualTo(Map.of(tier2, 1, "unassigned", 1, "security", 1));
            assertThat((long) number(s, "csat.responses")).isEqualTo(1);
            assertThat(number(s, "csat.average")).isEqualTo(5.0);
            assertThat(s.getList("top_issues.recurring.signature")).containsExactly(signature);
            assertThat(s.getList("top_issues.recurring.tickets", Integer.class)).containsExactly(4);
            assertThat(s.getList("top_issues.recurring.category")).containsExactly("technical");
        });

        // the same facts as Prometheus metrics (gauges refresh every second in tests)
        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = given().when()
                    .get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(metrics)
                    .contains("ts_reporting_tickets_open{priority=\"P1\",team=\"" + tier2 + "\"} 1")
                    .contains("ts_reporting_sla_breaches_total{clock=\"response\",priority=\"P1\"}")
                    .contains("ts_reporting_sla_clocks_at_risk{clock=\"response\"}")
                    .contains("ts_reporting_assignment_latency_seconds_bucket")
                    .contains("ts_reporting_assignment_latency_seconds_count");
        });
    }

    /**
     * One channel reads every topic, but each event's processed-event row keeps the name its topic's own channel gave
     * it ({@code reporting.<topic>}): what the channels of the build before applied is skipped when the new consumer
     * group replays the topics from the start, and what it applies now is recorded where a replay will look. One
     * batch of two topics, handed to the consumer as its channel would.
     */
    @Test
    void shouldSkipAnEventTheTopicsOwnChannelAppliedBefore() throws Exception {
        Instant day = Instant.parse("1980-01-01T00:00:00Z")
                .plus(ThreadLocalRandom.current().nextInt(0, 3000), ChronoUnit.DAYS);
        Instant t0 = day.plus(Duration.ofHours(9));
        UUID ticket = UUID.randomUUID();
        EventEnvelope<TicketCreated> created =
                envelope(created(ticket, TicketType.SUPPORT, Channel.WEB, CustomerTier.FREE, t0));
        EventEnvelope<TicketStatusChanged> triaged =
                envelope(status(ticket, TicketStatus.NEW, TicketStatus.TRIAGED, s(t0, 60)));
        EventEnvelope<TicketTriaged> decision =
                envelope(new TicketTriaged(ticket, "billing", Priority.P3, 0.8, Map.of(), "1", s(t0, 60)));
        // applied by the old reporting.ticket-events channel (its row is all that is left of it)
        sql(
                "INSERT INTO processed_event (consumer, event_id) VALUES ('reporting.ticket-events', $1)",
                Tuple.of(created.id()));

        TopicPartition tickets = new TopicPartition("ticket-events", 0);
        TopicPartition triage = new TopicPartition("triage-events", 0);
        consume(new ConsumerRecords<>(
                Map.of(
                        tickets, List.of(record(tickets, 0, created), record(tickets, 1, triaged)),
                        triage, List.of(record(triage, 0, decision))),
                Map.of()));

        assertThat(consumersOf(created.id())).containsExactly("reporting.ticket-events");
        assertThat(consumersOf(triaged.id())).containsExactly("reporting.ticket-events");
        assertThat(consumersOf(decision.id())).containsExactly("reporting.triage-events");
        // its creation was not applied again: no ticket in its window, though its status and category were
        assertThat(summary(day, day.plus(Duration.ofDays(1))).getLong("tickets.total"))
                .isZero();
        assertThat(sql("SELECT status || ' ' || category FROM report_ticket WHERE ticket_id = $1", Tuple.of(ticket)))
                .containsExactly("TRIAGED billing");

        // the same batch again (a redelivery): nothing new
        consume(new ConsumerRecords<>(
                Map.of(tickets, List.of(record(tickets, 1, triaged)), triage, List.of(record(triage, 0, decision))),
                Map.of()));
        assertThat(sql(
                        "SELECT count(*) FROM processed_event WHERE event_id IN ($1, $2, $3)",
                        Tuple.of(created.id(), triaged.id(), decision.id())))
                .containsExactly("3");
    }

    /**
     * One batch of several tickets' events from three topics, interleaved (one ticket created by an earlier batch, two
     * new): one transaction, and each ticket's row ends as its twin's, whose same events were applied one per batch.
     */
    @Test
    void shouldApplyABatchOfManyTicketsAsItsEventsOneByOne() throws Exception {
        Instant t0 = Instant.parse("1970-01-05T09:00:00Z")
                .plus(ThreadLocalRandom.current().nextInt(0, 3000), ChronoUnit.DAYS);
        TopicPartition tickets = new TopicPartition("ticket-events", 0);
        TopicPartition triage = new TopicPartition("triage-events", 0);
        TopicPartition routing = new TopicPartition("routing-events", 0);
        List<UUID> batched = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<UUID> twins = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        // the first ticket was created by an earlier batch
        consume(batch(List.of(
                record(tickets, 0, envelope(life(batched.get(0), t0).get(0))))));
        for (UUID twin : twins) {
            for (EventData data : life(twin, t0)) {
                TopicPartition partition =
                        data instanceof TicketTriaged ? triage : data instanceof TicketAssigned ? routing : tickets;
                consume(batch(List.of(record(partition, 0, envelope(data)))));
            }
        }
        List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (UUID ticket : batched) {
                if (i == 0 && ticket.equals(batched.get(0))) {
                    continue;
                }
                EventData data = life(ticket, t0).get(i);
                TopicPartition partition =
                        data instanceof TicketTriaged ? triage : data instanceof TicketAssigned ? routing : tickets;
                records.add(record(partition, records.size(), envelope(data)));
            }
        }
        DistributionSummary batches = registry.get("ts.events.batch.size").summary();
        long transactions = batches.count();
        consume(batch(records));
        assertThat(batches.count() - transactions).as("one transaction").isEqualTo(1);
        for (int i = 0; i < batched.size(); i++) {
            assertThat(row(batched.get(i))
                            .replace(batched.get(i).toString(), twins.get(i).toString()))
                    .as("ticket %d", i)
                    .isEqualTo(row(twins.get(i)))
                    .contains("\"agent-1\"");
        }
    }

    /** Created, triaged, moved to triaged, assigned, moved to assigned. */
    private static List<EventData> life(UUID ticket, Instant t0) {
        return List.of(
                created(ticket, TicketType.SUPPORT, Channel.WEB, CustomerTier.FREE, t0),
                new TicketTriaged(ticket, "billing", Priority.P3, 0.8, Map.of(), "1", s(t0, 60)),
                status(ticket, TicketStatus.NEW, TicketStatus.TRIAGED, s(t0, 60)),
                new TicketAssigned(
                        ticket, "billing", "Billing", "agent-1", "Ada", "lead-b", "billing", null, s(t0, 120)),
                status(ticket, TicketStatus.TRIAGED, TicketStatus.ASSIGNED, s(t0, 120)));
    }

    /** Records of any topics as one poll's batch, in the order given. */
    private static ConsumerRecords<String, String> batch(List<ConsumerRecord<String, String>> records) {
        Map<TopicPartition, List<ConsumerRecord<String, String>>> byPartition = new java.util.LinkedHashMap<>();
        records.forEach(r -> byPartition
                .computeIfAbsent(new TopicPartition(r.topic(), r.partition()), p -> new java.util.ArrayList<>())
                .add(r));
        return new ConsumerRecords<>(byPartition, Map.of());
    }

    /** The ticket's read-model row as JSON, without its id and the instant it was last written (its subject names it). */
    private String row(UUID ticket) {
        return sql(
                        "SELECT (to_jsonb(r) - 'ticket_id' - 'updated_at')::text FROM report_ticket r WHERE ticket_id = $1",
                        Tuple.of(ticket))
                .get(0);
    }

    /** Hands the batch to the consumer on a Vert.x context of its own, as its channel does, and waits for it. */
    private void consume(ConsumerRecords<String, String> batch) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        io.vertx.core.Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(
                ignored -> consumer.onEvents(batch).subscribe().with(done::complete, done::completeExceptionally));
        done.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static ConsumerRecord<String, String> record(
            TopicPartition partition, long offset, EventEnvelope<? extends EventData> envelope) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(
                partition.topic(),
                partition.partition(),
                offset,
                envelope.data().ticketId().toString(),
                EventCodec.toJson(envelope.data()));
        EventCodec.headers(envelope).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private List<String> consumersOf(UUID eventId) {
        return sql("SELECT consumer FROM processed_event WHERE event_id = $1 ORDER BY consumer", Tuple.of(eventId));
    }

    /** Runs a statement on the service's database; the first column of each row, as text. */
    private List<String> sql(String statement, Tuple params) {
        List<String> values = new java.util.ArrayList<>();
        pool.preparedQuery(statement)
                .execute(params)
                .await()
                .atMost(WAIT)
                .forEach(row -> values.add(
                        row.size() == 0 || row.getValue(0) == null ? null : String.valueOf(row.getValue(0))));
        return values;
    }

    @Test
    void shouldSummariseAnEmptyWindowWithoutFigures() {
        Instant from = Instant.parse("1990-01-01T00:00:00Z");
        JsonPath s = summary(from, from.plus(Duration.ofDays(1)));

        assertThat(s.getLong("tickets.total")).isZero();
        assertThat(s.getLong("time_to_triage.count")).isZero();
        assertThat(s.getString("time_to_triage.mean_seconds")).isNull();
        assertThat(s.getString("sla.compliance_percent")).isNull();
        assertThat(s.getList("kpis.met")).hasSize(6).containsOnlyNulls();
    }

    /**
     * A figure of the summary; a figure not there yet (its events still on their way: reporting reads in batches of
     * up to half a second) fails the assertion, so that the await tries again.
     */
    private static double number(JsonPath s, String path) {
        Object value = s.get(path);
        assertThat(value).as(path).isNotNull();
        return ((Number) value).doubleValue();
    }

    private static org.assertj.core.data.Percentage fivePercent() {
        return org.assertj.core.data.Percentage.withPercentage(5);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(0.01);
    }

    private static Instant s(Instant t0, long seconds) {
        return t0.plusSeconds(seconds);
    }

    private static TicketStatusChanged status(UUID id, TicketStatus from, TicketStatus to, Instant at) {
        return new TicketStatusChanged(id, TicketType.SUPPORT, from, to, null, "test", at);
    }

    private static TicketCreated created(UUID id, TicketType type, Channel channel, CustomerTier tier, Instant at) {
        return new TicketCreated(
                id,
                type,
                channel,
                "Subject " + id,
                null,
                new Customer("c-" + id.toString().substring(0, 6), null, tier, "en"),
                List.of(),
                null,
                TicketStatus.NEW,
                at);
    }
}
