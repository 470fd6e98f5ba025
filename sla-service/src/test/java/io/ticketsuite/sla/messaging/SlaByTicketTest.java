package io.ticketsuite.sla.messaging;

import static io.restassured.RestAssured.given;
import static io.ticketsuite.sla.SlaEvents.about;
import static io.ticketsuite.sla.SlaEvents.assigned;
import static io.ticketsuite.sla.SlaEvents.comment;
import static io.ticketsuite.sla.SlaEvents.created;
import static io.ticketsuite.sla.SlaEvents.triaged;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.ticketsuite.events.AuthorRole;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.Topics;
import io.ticketsuite.events.Visibility;
import io.ticketsuite.sla.MutableClock;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import io.ticketsuite.testkit.TopicProbe;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A ticket's events handed to sla-service together (one batch: the rows of all its tickets locked and their clocks
 * read at once, the events applied in memory in turn) leave the ticket exactly as the same events applied one
 * transaction each: the same
 * events on sla-events, in the same order, and the same clocks, thresholds, pauses and timeline. Real broker and
 * database, the consumer's own processing path.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "sla"))
class SlaByTicketTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    SlaEventsConsumer consumer;

    @Inject
    MutableClock clock;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry registry;

    @Test
    void aTicketsEventsAppliedTogetherEndAsAppliedOneByOne() throws Exception {
        Instant t0 = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID oneByOne = UUID.randomUUID();
        UUID together = UUID.randomUUID();
        try (TopicProbe slaEvents = TopicProbe.from(Topics.SLA_EVENTS)) {
            for (ConsumerRecord<String, String> record : lifeOf(oneByOne, t0)) {
                run(List.of(record));
            }
            List<ConsumerRecord<String, String>> batch = lifeOf(together, t0);
            run(batch);

            List<String> expected = List.of(
                    "sla.started", // triaged P2
                    "sla.paused", // waiting for the customer: resolution
                    "sla.resumed",
                    "sla.met", // the agent's public reply: response
                    "sla.started", // reclassified P1: resolution re-planned
                    "sla.met", // resolved: resolution
                    "sla.started"); // reopened: resolution, cycle 2
            List<ConsumerRecord<String, String>> single = slaEvents.await(about(oneByOne), expected.size(), WAIT);
            List<ConsumerRecord<String, String>> grouped = slaEvents.await(about(together), expected.size(), WAIT);
            assertThat(types(single)).isEqualTo(expected);
            assertThat(types(grouped)).isEqualTo(expected);
            assertThat(payloads(grouped, together, oneByOne)).isEqualTo(payloads(single, oneByOne, oneByOne));
        }
        assertThat(view(together).replace(together.toString(), oneByOne.toString()))
                .isEqualTo(view(oneByOne))
                .contains("\"cycle\":2");
    }

    /**
     * A batch of several tickets' events, interleaved as the topics deliver them (two tickets already half-way, three
     * new): each ticket ends as the same life applied one event per transaction, and every event sla announces about a
     * ticket continues that ticket's own trace, though the batch is one transaction and its rows are read together.
     */
    @Test
    void manyTicketsInOneBatchEndEachAsAppliedAlone() throws Exception {
        Instant t0 = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID reference = UUID.randomUUID();
        List<UUID> tickets =
                List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<String> traces = new ArrayList<>();
        List<List<ConsumerRecord<String, String>>> lives = new ArrayList<>();
        for (UUID ticket : tickets) {
            String trace = UUID.randomUUID().toString().replace("-", "");
            traces.add(trace);
            List<ConsumerRecord<String, String>> life = lifeOf(ticket, t0);
            life.forEach(record -> record.headers()
                    .add("traceparent", ("00-" + trace + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8)));
            lives.add(life);
        }
        try (TopicProbe slaEvents = TopicProbe.from(Topics.SLA_EVENTS)) {
            for (ConsumerRecord<String, String> record : lifeOf(reference, t0)) {
                run(List.of(record));
            }
            // the first two tickets were created, triaged and assigned by an earlier batch
            run(new ArrayList<>(lives.get(0).subList(0, 3)));
            run(new ArrayList<>(lives.get(1).subList(0, 3)));
            List<ConsumerRecord<String, String>> batch = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                for (int t = 0; t < lives.size(); t++) {
                    if (t >= 2 || i >= 3) {
                        batch.add(lives.get(t).get(i));
                    }
                }
            }
            DistributionSummary batches = registry.get("ts.events.batch.size").summary();
            long transactions = batches.count();
            double applied = batches.totalAmount();
            run(batch);
            // one transaction for the whole batch: not split into one per record after a failure
            assertThat(batches.count() - transactions).isEqualTo(1);
            assertThat(batches.totalAmount() - applied).isEqualTo(batch.size());

            List<ConsumerRecord<String, String>> alone = slaEvents.await(about(reference), 7, WAIT);
            for (int t = 0; t < tickets.size(); t++) {
                UUID ticket = tickets.get(t);
                List<ConsumerRecord<String, String>> announced = slaEvents.await(about(ticket), 7, WAIT);
                assertThat(payloads(announced, ticket, reference))
                        .as("ticket %d's events", t)
                        .isEqualTo(payloads(alone, reference, reference));
                String trace = traces.get(t);
                assertThat(announced)
                        .as("ticket %d's events continue its trace", t)
                        .allSatisfy(record -> assertThat(TopicProbe.header(record, "traceparent"))
                                .startsWith("00-" + trace + "-"));
                assertThat(view(ticket).replace(ticket.toString(), reference.toString()))
                        .as("ticket %d's clocks", t)
                        .isEqualTo(view(reference));
            }
        }
    }

    /** Created, triaged P2, assigned, paused and resumed, answered, reclassified P1, resolved, reopened. */
    private static List<ConsumerRecord<String, String>> lifeOf(UUID ticket, Instant t0) {
        List<EventData> life = List.of(
                created(ticket, t0),
                triaged(ticket, Priority.P2, t0.plusSeconds(1)),
                assigned(ticket, t0.plusSeconds(2)),
                moved(
                        ticket,
                        TicketStatus.ASSIGNED,
                        TicketStatus.WAITING_FOR_CUSTOMER,
                        t0.plus(Duration.ofMinutes(10))),
                moved(
                        ticket,
                        TicketStatus.WAITING_FOR_CUSTOMER,
                        TicketStatus.IN_PROGRESS,
                        t0.plus(Duration.ofMinutes(40))),
                comment(ticket, AuthorRole.AGENT, Visibility.PUBLIC, t0.plus(Duration.ofMinutes(41))),
                new TicketReclassified(
                        ticket,
                        "billing",
                        "billing",
                        Priority.P2,
                        Priority.P1,
                        "outage",
                        t0.plus(Duration.ofMinutes(42))),
                moved(ticket, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, t0.plus(Duration.ofMinutes(50))),
                moved(ticket, TicketStatus.RESOLVED, TicketStatus.REOPENED, t0.plus(Duration.ofMinutes(60))));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long offset = 0;
        for (EventData data : life) {
            EventEnvelope<EventData> envelope = EventEnvelope.of("test", data, t0);
            ConsumerRecord<String, String> record =
                    new ConsumerRecord<>(Topics.TICKET_EVENTS, 0, offset++, ticket.toString(), EventCodec.toJson(data));
            EventCodec.headers(envelope).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            records.add(record);
        }
        return records;
    }

    private static TicketStatusChanged moved(UUID ticket, TicketStatus from, TicketStatus to, Instant at) {
        return new TicketStatusChanged(ticket, TicketType.SUPPORT, from, to, null, "agent-7", "agent", at);
    }

    /** Runs the consumer's processing of these records on a Vert.x context of its own, as a channel does. */
    private void run(List<ConsumerRecord<String, String>> records) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        io.vertx.core.Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(
                ignored -> consumer.process(records).subscribe().with(done::complete, done::completeExceptionally));
        done.get(20, TimeUnit.SECONDS);
    }

    private static List<String> types(List<ConsumerRecord<String, String>> records) {
        return records.stream()
                .map(r -> TopicProbe.header(r, CloudEventHeaders.TYPE))
                .toList();
    }

    /** The events' payloads, with the ticket's id written as {@code as}. */
    private static List<String> payloads(List<ConsumerRecord<String, String>> records, UUID ticket, UUID as) {
        return records.stream()
                .map(r -> r.value().replace(ticket.toString(), as.toString()))
                .toList();
    }

    private static String view(UUID ticket) {
        return given().auth()
                .oauth2(TestTokens.agent())
                .when()
                .get("/api/v1/sla/{id}", ticket)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }
}
