package io.ticketsuite.triage.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.IssueRecurringDetected;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.Topics;
import io.ticketsuite.testkit.TopicProbe;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas (two {@link RecurringService}s, each with its own in-process index) take similar tickets at the same
 * moment on one database: the decisions are serialized by the database, so there is one cluster, announced once at
 * each size; a redelivered ticket on the other replica changes nothing.
 */
@QuarkusTest
class RecurringReplicasTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final List<String[]> PARAPHRASES = List.of(
            new String[] {
                "Zebra label printer prints blank labels",
                "After the firmware update our Zebra label printer only prints blank labels."
            },
            new String[] {
                "Blank labels from the Zebra label printer",
                "Since the firmware update the Zebra label printer prints blank labels."
            },
            new String[] {
                "Zebra printer firmware update: blank labels",
                "Every label our Zebra label printer prints is blank after the firmware update."
            },
            new String[] {
                "Zebra label printer printing blank labels",
                "The Zebra label printer prints blank labels since the firmware update."
            },
            new String[] {
                "Firmware update broke Zebra label printer",
                "Our Zebra label printer prints blank labels after the firmware update."
            },
            new String[] {
                "Zebra labels print blank", "Blank labels on the Zebra label printer after the firmware update."
            },
            new String[] {
                "Zebra label printer gives blank labels",
                "Zebra printer firmware updated, now every label prints blank."
            },
            new String[] {
                "Zebra label printer blank after firmware update",
                "Labels from our Zebra label printer are blank since the firmware update."
            },
            new String[] {
                "Blank labels on Zebra label printers",
                "The firmware update left our Zebra label printers printing blank labels."
            },
            new String[] {
                "Zebra printer labels blank after firmware update",
                "After the Zebra printer firmware update all labels print blank."
            });

    @Inject
    RecurringReplicas recurring;

    private TopicProbe triageEvents;

    @BeforeEach
    void subscribe() {
        triageEvents = TopicProbe.from(Topics.TRIAGE_EVENTS);
    }

    @AfterEach
    void close() {
        triageEvents.close();
    }

    @Test
    void shouldFormOneClusterAnnouncedOncePerSizeWhenTwoReplicasDecideAtTheSameTime() throws Exception {
        RecurringReplica[] replicas = {replica(), replica()};
        List<TicketCreated> tickets = new ArrayList<>();
        for (String[] text : PARAPHRASES) {
            tickets.add(RecurringReplica.ticket(text[0], text[1], Instant.now()));
        }
        List<UUID> ids = tickets.stream().map(TicketCreated::ticketId).toList();

        // replica 0 takes the even tickets, replica 1 the odd ones (partitions keyed by ticket id), both at once
        List<RecurringService.Result> results = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                int replica = r;
                running.add(threads.submit(() -> {
                    go.await();
                    for (int i = replica; i < tickets.size(); i += 2) {
                        results.add(replicas[replica].observe(tickets.get(i)));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        List<UUID> clusters = uuids("SELECT DISTINCT cluster_id FROM recurring_member WHERE ticket_id = ANY (?)", ids);
        assertThat(clusters).as("one cluster for one issue").hasSize(1);
        UUID cluster = clusters.get(0);
        assertThat(uuids("SELECT ticket_id FROM recurring_member WHERE cluster_id = ?", cluster))
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(results.stream().filter(RecurringService.Result::newCluster)).hasSize(1);
        assertThat(results.stream().map(RecurringService.Result::announcedSize).filter(s -> s > 0))
                .containsExactlyInAnyOrder(3, 5, 10);
        assertThat(longs("SELECT size FROM recurring_announcement WHERE cluster_id = ? ORDER BY size", cluster))
                .containsExactly(3L, 5L, 10L);
        // on triage-events (through the outbox relay; keyed by the ticket that made the size, so on several
        // partitions): detected once at 3, then once on reaching 5 and once at 10
        List<IssueRecurringDetected> detected = new ArrayList<>(detected(cluster, 3, WAIT));
        detected.sort(java.util.Comparator.comparingInt(IssueRecurringDetected::count));
        assertThat(detected)
                .hasSize(3)
                .extracting(IssueRecurringDetected::count)
                .doesNotHaveDuplicates();
        assertThat(detected.get(0).count()).isEqualTo(3);
        assertThat(detected.get(0).relatedTicketIds()).hasSize(3).isSubsetOf(ids);
        assertThat(detected.get(0).sharedTerms()).contains("zebra", "label", "blank");
        assertThat(detected.get(1).count()).isBetween(5, 9);
        assertThat(detected.get(2).count()).isEqualTo(10);
        assertThat(detected.get(2).relatedTicketIds()).containsExactlyInAnyOrderElementsOf(ids);

        // each replica's index holds the tickets the other one stored (read from the table before deciding)
        RecurringService.Result again = replicas[1].observe(tickets.get(0));
        assertThat(replicas[1].service.indexed()).isGreaterThanOrEqualTo(tickets.size());

        // redelivery on the other replica: nothing changes
        assertThat(again).isEqualTo(RecurringService.Result.NONE);
        assertThat(replicas[0].observe(tickets.get(1))).isEqualTo(RecurringService.Result.NONE);
        assertThat(longs("SELECT count(*) FROM recurring_member WHERE cluster_id = ?", cluster))
                .containsExactly(10L);
        assertThat(longs("SELECT count(*) FROM recurring_announcement WHERE cluster_id = ?", cluster))
                .containsExactly(3L);
        assertThat(detected(cluster, 4, QUIET)).hasSize(3);
    }

    private RecurringReplica replica() {
        return recurring.start(Clock.systemUTC());
    }

    /** issue.recurring-detected of the cluster seen on triage-events. */
    private List<IssueRecurringDetected> detected(UUID cluster, int count, Duration wait) {
        return triageEvents
                .await(
                        r -> "issue.recurring-detected".equals(TopicProbe.header(r, CloudEventHeaders.TYPE))
                                && cluster.equals(decode(r).clusterId()),
                        count,
                        wait)
                .stream()
                .map(RecurringReplicasTest::decode)
                .toList();
    }

    private static IssueRecurringDetected decode(ConsumerRecord<String, String> record) {
        return (IssueRecurringDetected)
                EventCodec.decode(TopicProbe.headers(record), record.value()).data();
    }

    private List<UUID> uuids(String sql, Object parameter) throws Exception {
        return recurring.rows(sql, parameter).stream().map(row -> (UUID) row[0]).toList();
    }

    private List<Long> longs(String sql, Object parameter) throws Exception {
        return recurring.longs(sql, parameter);
    }
}
