package io.ticketsuite.sla.service;

import static io.restassured.RestAssured.given;
import static io.ticketsuite.sla.SlaEvents.about;
import static io.ticketsuite.sla.SlaEvents.created;
import static io.ticketsuite.sla.SlaEvents.publish;
import static io.ticketsuite.sla.SlaEvents.threshold;
import static io.ticketsuite.sla.SlaEvents.triaged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.Topics;
import io.ticketsuite.sla.MutableClock;
import io.ticketsuite.sla.SlaEvents;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import io.ticketsuite.testkit.TopicProbe;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Thresholds fire exactly once when the scheduler stops and starts again between two of them (a restart), when
 * they came due while it was stopped (the service was down), and when several replicas fire on one database.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "sla"))
class ThresholdExactlyOnceTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final Duration QUIET = Duration.ofMillis(1500);

    @Inject
    MutableClock clock;

    @Inject
    ThresholdScheduler scheduler;

    @Inject
    ThresholdFiringService firing;

    private TopicProbe slaEvents;

    @BeforeEach
    void probe() {
        slaEvents = TopicProbe.from(Topics.SLA_EVENTS);
    }

    @AfterEach
    void restoreScheduler() {
        scheduler.start(Duration.ZERO);
        slaEvents.close();
    }

    private UUID startP1Clocks() {
        UUID ticketId = UUID.randomUUID();
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        publish(created(ticketId, createdAt), createdAt);
        publish(triaged(ticketId, Priority.P1, createdAt), createdAt);
        return ticketId;
    }

    private void awaitStarted(List<UUID> tickets) {
        List<ConsumerRecord<String, String>> started = slaEvents.await(
                r -> tickets.contains(UUID.fromString(r.key())) && "sla.started".equals(type(r)), tickets.size(), WAIT);
        assertThat(started).hasSize(tickets.size());
    }

    @Test
    void shouldFireEachThresholdOnceAcrossARestartOfTheScheduler() throws Exception {
        UUID ticketId = startP1Clocks(); // response: 50 % at 7.5 min, 75 % at 11.25, 100 % at 15, 125 % at 18.75
        awaitStarted(List.of(ticketId));

        scheduler.stop(); // the service goes down before 50 %
        clock.advance(Duration.ofMinutes(8));
        assertThat(slaEvents.drain(about(ticketId, "sla.warning"), Duration.ofMillis(600)))
                .as("nothing fires while no scheduler runs")
                .isEmpty();
        scheduler.start(Duration.ZERO); // ... and comes back: the due row fires
        assertThat(thresholdsOf(ticketId, 1)).containsExactly(threshold(SlaClock.RESPONSE, 50));

        scheduler.stop(); // down again; 75 % and 100 % pass meanwhile
        clock.advance(Duration.ofMinutes(8));
        scheduler.start(Duration.ZERO);

        assertThat(thresholdsOf(ticketId, 3))
                .containsExactlyInAnyOrder(
                        threshold(SlaClock.RESPONSE, 50),
                        threshold(SlaClock.RESPONSE, 75),
                        threshold(SlaClock.RESPONSE, 100));
        assertThat(SlaEvents.thresholds(slaEvents.drain(about(ticketId), QUIET)))
                .hasSize(3);
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/sla/{id}", ticketId)
                .then()
                .body("clocks[0].thresholds.state", equalTo(List.of("FIRED", "FIRED", "FIRED", "PENDING")));
    }

    @Test
    void shouldFireEachThresholdOnceWithSeveralReplicasOnOneDatabase() throws Exception {
        List<UUID> tickets = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            tickets.add(startP1Clocks());
        }
        awaitStarted(tickets);
        scheduler.stop();
        clock.advance(Duration.ofMinutes(20)); // all four response thresholds of every ticket are due

        // three replicas claim the same due rows at once, in small batches so that their rounds interleave
        ExecutorService replicas = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        List<String> firedForUs = new ArrayList<>();
        try {
            List<Callable<List<String>>> rounds = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                rounds.add(() -> {
                    go.await();
                    return fireAsAnotherReplica(tickets);
                });
            }
            List<Future<List<String>>> results = new ArrayList<>();
            for (Callable<List<String>> round : rounds) {
                results.add(replicas.submit(round));
            }
            go.countDown();
            for (Future<List<String>> result : results) {
                firedForUs.addAll(result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            replicas.shutdownNow();
        }
        assertThat(firedForUs).hasSize(tickets.size() * 4).doesNotHaveDuplicates();
        scheduler.start(Duration.ZERO); // this instance's own scheduler finds nothing left to fire

        List<ConsumerRecord<String, String>> records = slaEvents.await(
                r -> tickets.contains(UUID.fromString(r.key())) && isThreshold(r), tickets.size() * 4, WAIT);
        assertThat(records).hasSize(tickets.size() * 4);
        List<ConsumerRecord<String, String>> all =
                slaEvents.drain(r -> tickets.contains(UUID.fromString(r.key())) && isThreshold(r), QUIET);
        Map<String, Long> perThreshold = all.stream()
                .collect(Collectors.groupingBy(
                        r -> r.key() + "/" + SlaEvents.thresholds(List.of(r)).get(0), Collectors.counting()));
        assertThat(perThreshold).hasSize(tickets.size() * 4);
        assertThat(perThreshold.values()).allMatch(count -> count == 1);
        assertThat(all.stream()
                        .map(r -> SlaEvents.thresholds(List.of(r)).get(0))
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
                .containsOnlyKeys(
                        threshold(SlaClock.RESPONSE, 50),
                        threshold(SlaClock.RESPONSE, 75),
                        threshold(SlaClock.RESPONSE, 100),
                        threshold(SlaClock.RESPONSE, 125));
    }

    /**
     * What another replica's scheduler does, from a thread and a Vert.x context of its own: fire batches of five
     * until nothing is due. Returns the thresholds of the given tickets it fired, as "ticket/CLOCK/percent".
     */
    private List<String> fireAsAnotherReplica(List<UUID> tickets) throws Exception {
        List<String> fired = new ArrayList<>();
        while (true) {
            List<ThresholdFiringService.Fired> batch;
            try {
                batch = VertxContextSupport.subscribeAndAwait(() -> firing.fireBatch(clock.instant(), 5));
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            if (batch.isEmpty()) {
                return fired;
            }
            batch.stream()
                    .map(ThresholdFiringService.Fired::event)
                    .filter(e -> tickets.contains(e.ticketId()))
                    .forEach(e -> fired.add(e.ticketId() + "/" + e.clock() + "/" + e.thresholdPercent()));
        }
    }

    private List<String> thresholdsOf(UUID ticketId, int count) {
        return SlaEvents.thresholds(slaEvents.await(r -> about(ticketId).test(r) && isThreshold(r), count, WAIT));
    }

    private static String type(ConsumerRecord<String, String> record) {
        return TopicProbe.header(record, io.ticketsuite.events.CloudEventHeaders.TYPE);
    }

    private static boolean isThreshold(ConsumerRecord<String, String> record) {
        String type = type(record);
        return "sla.warning".equals(type) || "sla.breached".equals(type) || "sla.escalated".equals(type);
    }
}
