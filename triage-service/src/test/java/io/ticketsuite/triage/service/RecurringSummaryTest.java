package io.ticketsuite.triage.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.triage.recurring.ClusterSummary;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A large cluster's summary (shared terms, category, signature) is computed from all its members at every join up to
 * 50 members and at the sizes announced, then only each time the cluster has grown by 10 %: the size stays exact at
 * every join, and the stored summary is the one of the members it had at its last computation.
 */
@QuarkusTest
class RecurringSummaryTest {
    private static final List<String[]> PARAPHRASES = List.of(
            new String[] {
                "Harbour ferry kiosk printer jams on boarding passes",
                "The harbour ferry kiosk printer jams whenever it prints boarding passes."
            },
            new String[] {
                "Boarding passes jam the ferry kiosk printer at the harbour",
                "At the harbour the ferry kiosk printer jams on every boarding pass."
            },
            new String[] {
                "Ferry kiosk printer at the harbour jams printing boarding passes",
                "Printing boarding passes jams the harbour ferry kiosk printer."
            });

    @Inject
    RecurringReplicas recurring;

    @Test
    void shouldKeepTheSizeExactAndComputeALargeClustersSummaryAgainOnlyAfterTenPercentGrowth() throws Exception {
        RecurringReplica.TestClock clock = new RecurringReplica.TestClock(
                Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(1)));
        RecurringReplica replica = recurring.start(clock);

        List<RecurringService.Result> results = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String[] text = PARAPHRASES.get(i % PARAPHRASES.size());
            TicketCreated ticket = RecurringReplica.ticket(text[0], text[1], clock.advance(Duration.ofSeconds(1)));
            results.add(replica.observe(ticket));
        }

        UUID cluster = results.get(79).clusterId();
        assertThat(cluster).isNotNull();
        List<Integer> sizes = new ArrayList<>();
        List<Integer> summarizedAbove50 = new ArrayList<>();
        for (RecurringService.Result r : results.subList(1, 80)) {
            assertThat(r.clusterId())
                    .as("every ticket after the first joins the one cluster")
                    .isEqualTo(cluster);
            sizes.add(r.size());
            if (r.size() <= 50) {
                assertThat(r.summarized()).as("summarized at size %d", r.size()).isTrue();
            } else if (r.summarized()) {
                summarizedAbove50.add(r.size());
            }
        }
        assertThat(sizes).as("the size grows by one at every join").isEqualTo(range(2, 80));
        // 50 (also announced) -> 55 -> 61 -> 68 -> 75 -> (83)
        assertThat(summarizedAbove50).isEqualTo(List.of(55, 61, 68, 75));

        Object[] stored = recurring
                .rows(
                        "SELECT size, summary_size, category, shared_terms, signature FROM recurring_cluster"
                                + " WHERE cluster_id = ?",
                        cluster)
                .get(0);
        assertThat(((Number) stored[0]).intValue()).isEqualTo(80);
        assertThat(((Number) stored[1]).intValue()).isEqualTo(75);
        assertThat(recurring.longs("SELECT count(*) FROM recurring_member WHERE cluster_id = ?", cluster))
                .containsExactly(80L);
        // the stored summary is the one of the first 75 members (the members it had when it was computed)
        List<ClusterSummary.Member> first75 = recurring
                .rows(
                        "SELECT t.terms, t.category FROM recurring_member m"
                                + " JOIN recurring_ticket t ON t.ticket_id = m.ticket_id WHERE m.cluster_id = ?"
                                + " ORDER BY t.seq LIMIT 75",
                        cluster)
                .stream()
                .map(row -> new ClusterSummary.Member(Arrays.asList(((String) row[0]).split(" ")), (String) row[1]))
                .toList();
        assertThat(first75).hasSize(75);
        ClusterSummary.Summary expected = ClusterSummary.of(first75);
        assertThat(expected.sharedTerms()).contains("ferri", "kiosk", "printer");
        assertThat(stored[2]).isEqualTo(expected.category());
        assertThat(stored[3]).isEqualTo(String.join(" ", expected.sharedTerms()));
        assertThat(stored[4]).isEqualTo(expected.signature());
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }
}
