package io.ticketsuite.sla.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaBreached;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.SlaEscalated;
import io.ticketsuite.events.SlaThresholdReached;
import io.ticketsuite.events.SlaWarning;
import io.ticketsuite.events.Topics;
import io.ticketsuite.sla.MutableClock;
import io.ticketsuite.sla.SlaEvents;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TopicProbe;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The set-based sweep at volume: a few thousand due thresholds, written straight into the tables as the lateness
 * benchmark does, fired by two concurrent sweepers (two "replicas" on one database) — each exactly once, with the
 * event its clock and ticket call for, stale ones cancelled, held and future ones left alone.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "sla"))
class ThresholdBatchFiringTest {
    static final int LIVE_TICKETS = 500; // x 2 clocks x 4 thresholds = 4,000 to fire
    static final int STALE_TICKETS = 20; // clocks met or restarted without cancelling their thresholds
    static final int HELD_TICKETS = 10; // paused clocks: held thresholds
    static final int FUTURE_TICKETS = 10; // not due yet
    static final int[] PERCENTS = {50, 75, 100, 125};
    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @Inject
    MutableClock clock;

    @Inject
    ThresholdScheduler scheduler;

    @Inject
    ThresholdFiringService firing;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void restartScheduler() {
        scheduler.start(Duration.ZERO);
    }

    /** How a seeded ticket's clock looks. */
    record Seeded(UUID ticketId, int n, SlaClock clock, Priority priority, Instant dueAt, String state, int cycle) {}

    @Test
    void shouldFireEveryDueThresholdOnceWithTwoConcurrentSweepersInLargeBatches() throws Exception {
        scheduler.stop(); // only the two sweepers below fire
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant past = now.minus(Duration.ofHours(2));
        List<Seeded> live = seed(LIVE_TICKETS, past, now, "RUNNING", 1, 1, false);
        List<Seeded> stale = seed(STALE_TICKETS, past, now, "MET", 2, 1, false); // MET; and cycle 2 vs thresholds' 1
        List<Seeded> held = seed(HELD_TICKETS, past, now, "RUNNING", 1, 1, true);
        List<Seeded> future = seed(FUTURE_TICKETS, now.plus(Duration.ofHours(1)), now, "RUNNING", 1, 1, false);
        Set<UUID> ours = new HashSet<>();
        for (List<Seeded> group : List.of(live, stale, held, future)) {
            group.forEach(s -> ours.add(s.ticketId()));
        }
        double firedBefore = firedCounter();

        // two replicas sweep at once, each draining in batches of 200 until nothing is due
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<List<ThresholdFiringService.Fired>> perReplica = new ArrayList<>();
        try {
            List<Future<List<ThresholdFiringService.Fired>>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Callable<List<ThresholdFiringService.Fired>> sweep = () -> {
                    go.await();
                    return sweepUntilNothingIsDue();
                };
                results.add(replicas.submit(sweep));
            }
            go.countDown();
            for (Future<List<ThresholdFiringService.Fired>> result : results) {
                perReplica.add(result.get(120, TimeUnit.SECONDS));
            }
        } finally {
            replicas.shutdownNow();
        }

        List<String> firedOurs = new ArrayList<>();
        int firedAll = 0;
        for (List<ThresholdFiringService.Fired> fired : perReplica) {
            firedAll += fired.size();
            fired.stream()
                    .map(ThresholdFiringService.Fired::event)
                    .filter(e -> ours.contains(e.ticketId()))
                    .forEach(e -> firedOurs.add(key(e)));
        }
        assertThat(perReplica)
                .as("both replicas took batches")
                .allSatisfy(f -> assertThat(f).isNotEmpty());
        assertThat(firedOurs).hasSize(LIVE_TICKETS * 2 * 4).doesNotHaveDuplicates();
        assertThat(firedCounter() - firedBefore)
                .as("ts.sla.thresholds.fired counts what committed")
                .isEqualTo(firedAll);

        // the rows: every live threshold fired once; stale ones cancelled, held and future ones still pending
        Map<String, Long> states = states(ours);
        assertThat(states)
                .containsEntry("live/fired", (long) LIVE_TICKETS * 8)
                .containsEntry("stale/cancelled", (long) STALE_TICKETS * 8)
                .containsEntry("held/pending", (long) HELD_TICKETS * 8)
                .containsEntry("future/pending", (long) FUTURE_TICKETS * 8)
                .hasSize(4);

        // the events, as the relay published them: one per fired threshold, each with its clock's and ticket's facts
        Map<String, Seeded> expected = new HashMap<>();
        live.forEach(s -> expected.put(s.ticketId() + "/" + s.clock(), s));
        try (TopicProbe slaEvents = TopicProbe.from(Topics.SLA_EVENTS)) {
            List<ConsumerRecord<String, String>> records = slaEvents.await(
                    r -> ours.contains(UUID.fromString(r.key())) && isThreshold(r), LIVE_TICKETS * 8, WAIT);
            records = slaEvents.drain(
                    r -> ours.contains(UUID.fromString(r.key())) && isThreshold(r), Duration.ofSeconds(1));
            assertThat(records).hasSize(LIVE_TICKETS * 8);
            List<SlaThresholdReached> events = records.stream()
                    .map(r -> (SlaThresholdReached) SlaEvents.data(r))
                    .toList();
            assertThat(events.stream().map(ThresholdBatchFiringTest::key).collect(Collectors.toSet()))
                    .hasSize(LIVE_TICKETS * 8)
                    .containsExactlyInAnyOrderElementsOf(firedOurs);
            for (int i = 0; i < records.size(); i++) {
                ConsumerRecord<String, String> record = records.get(i);
                SlaThresholdReached event = events.get(i);
                Seeded s = expected.get(event.ticketId() + "/" + event.clock());
                assertThat(s).as("event of a live clock").isNotNull();
                assertThat(record.key()).isEqualTo(event.ticketId().toString());
                assertThat(event.priority()).isEqualTo(s.priority());
                assertThat(event.dueAt()).isEqualTo(s.dueAt());
                assertThat(event.assigneeId()).isEqualTo("agent-" + s.n());
                assertThat(event.teamId()).isEqualTo("team-" + s.n() % 7);
                assertThat(event.teamLeadId()).isEqualTo("lead-" + s.n() % 3);
                assertThat(event.firedAt()).isAfterOrEqualTo(now);
                Class<?> type = event.thresholdPercent() < 100
                        ? SlaWarning.class
                        : event.thresholdPercent() == 100 ? SlaBreached.class : SlaEscalated.class;
                assertThat(event).isInstanceOf(type);
                assertThat(TopicProbe.header(record, CloudEventHeaders.TYPE)).isNotBlank();
            }
        }
    }

    private List<ThresholdFiringService.Fired> sweepUntilNothingIsDue() throws Exception {
        List<ThresholdFiringService.Fired> fired = new ArrayList<>();
        while (true) {
            List<ThresholdFiringService.Fired> batch;
            try {
                batch = VertxContextSupport.subscribeAndAwait(() -> firing.fireBatch(clock.instant(), 200));
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            fired.addAll(batch);
            if (batch.isEmpty()) {
                return fired;
            }
        }
    }

    /**
     * {@code count} tickets, each with a response and a resolution clock ({@code state}, {@code clockCycle}) and four
     * thresholds of cycle {@code thresholdCycle} due from {@code from} on (held if {@code held}). Priorities, due
     * instants, assignees, teams and leads vary by ticket.
     */
    private List<Seeded> seed(
            int count, Instant from, Instant now, String state, int clockCycle, int thresholdCycle, boolean held) {
        List<Seeded> seeded = new ArrayList<>();
        List<Tuple> tickets = new ArrayList<>();
        List<Tuple> clocks = new ArrayList<>();
        List<Tuple> thresholds = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            UUID ticketId = UUID.randomUUID();
            Priority priority = Priority.values()[n % 4];
            tickets.add(Tuple.of(ticketId, utc(now), priority.name(), "agent-" + n, "team-" + n % 7)
                    .addString("lead-" + n % 3));
            for (SlaClock c : SlaClock.values()) {
                Instant dueAt =
                        from.plus(Duration.ofSeconds(n)).plus(Duration.ofHours(c == SlaClock.RESOLUTION ? 3 : 1));
                seeded.add(new Seeded(ticketId, n, c, priority, dueAt, state, clockCycle));
                clocks.add(Tuple.of(UUID.randomUUID(), ticketId, c.name(), clockCycle, priority.name(), utc(from))
                        .addOffsetDateTime(utc(dueAt))
                        .addString(state));
                for (int p : PERCENTS) {
                    thresholds.add(Tuple.of(UUID.randomUUID(), ticketId, c.name(), thresholdCycle, p)
                            .addOffsetDateTime(utc(from.plus(Duration.ofMillis(n * 10L + p))))
                            .addOffsetDateTime(held ? utc(from) : null));
                }
            }
        }
        pool.withTransaction(connection -> connection
                        .preparedQuery("INSERT INTO sla_ticket (ticket_id, created_at, ticket_type, customer_tier,"
                                + " priority, status, assignee_id, team_id, team_lead_id, updated_at)"
                                + " VALUES ($1, $2, 'SUPPORT', 'ENTERPRISE', $3, 'NEW', $4, $5, $6, $2)")
                        .executeBatch(tickets)
                        .chain(() -> connection
                                .preparedQuery("INSERT INTO sla_clock (id, ticket_id, clock, cycle, priority,"
                                        + " target_millis, started_at, due_at, state, paused_millis)"
                                        + " VALUES ($1, $2, $3, $4, $5, 3600000, $6, $7, $8, 0)")
                                .executeBatch(clocks))
                        .chain(() -> connection
                                .preparedQuery("INSERT INTO sla_threshold (id, ticket_id, clock, cycle, percent,"
                                        + " fire_at, held_since) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                                .executeBatch(thresholds)))
                .await()
                .atMost(WAIT);
        return seeded;
    }

    /** Our thresholds by group and state, e.g. "live/fired" → count. */
    private Map<String, Long> states(Set<UUID> ours) {
        Map<String, Long> states = new HashMap<>();
        for (Row row : pool.preparedQuery("SELECT t.ticket_id, CASE WHEN t.fired_at IS NOT NULL AND t.cancelled_at IS"
                        + " NULL THEN 'fired' WHEN t.cancelled_at IS NOT NULL AND t.fired_at IS NULL THEN 'cancelled'"
                        + " WHEN t.fired_at IS NULL THEN 'pending' ELSE 'both' END, c.state, t.held_since IS NOT NULL,"
                        + " t.fire_at > $2 FROM sla_threshold t JOIN sla_clock c ON c.ticket_id = t.ticket_id AND"
                        + " c.clock = t.clock WHERE t.ticket_id = ANY($1)")
                .execute(
                        Tuple.tuple().addArrayOfUUID(ours.toArray(UUID[]::new)).addOffsetDateTime(utc(clock.instant())))
                .await()
                .atMost(WAIT)) {
            String group = "MET".equals(row.getString(2))
                    ? "stale"
                    : row.getBoolean(3) ? "held" : row.getBoolean(4) ? "future" : "live";
            states.merge(group + "/" + row.getString(1), 1L, Long::sum);
        }
        return states;
    }

    private double firedCounter() {
        return registry.find("ts.sla.thresholds.fired").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private static String key(SlaThresholdReached e) {
        return e.ticketId() + "/" + e.clock() + "/" + e.thresholdPercent();
    }

    private static boolean isThreshold(ConsumerRecord<String, String> record) {
        String type = TopicProbe.header(record, CloudEventHeaders.TYPE);
        return "sla.warning".equals(type) || "sla.breached".equals(type) || "sla.escalated".equals(type);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
