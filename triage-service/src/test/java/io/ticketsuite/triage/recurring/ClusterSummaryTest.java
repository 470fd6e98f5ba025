package io.ticketsuite.triage.recurring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a cluster's members share, and at which sizes a cluster is announced. */
class ClusterSummaryTest {
    private static final List<Integer> SIZES = List.of(3, 5, 10, 20, 50);

    @Test
    void shouldReportTheTermsMostMembersShareMostSharedFirst() {
        ClusterSummary.Summary summary = ClusterSummary.of(List.of(
                new ClusterSummary.Member(List.of("outlook", "calendar", "sync", "twice"), "integration"),
                new ClusterSummary.Member(List.of("calendar", "sync", "outlook", "meet"), "technical"),
                new ClusterSummary.Member(List.of("calendar", "outlook", "meet"), "integration")));

        assertThat(summary.sharedTerms()).containsExactly("outlook", "calendar", "sync", "meet");
        assertThat(summary.category()).isEqualTo("integration");
        assertThat(summary.signature()).isEqualTo("integration:outlook-calendar-sync");
    }

    @Test
    void shouldPreferTheEarliestMembersCategoryOnATie() {
        ClusterSummary.Summary summary = ClusterSummary.of(List.of(
                new ClusterSummary.Member(List.of("a1", "b1"), "technical"),
                new ClusterSummary.Member(List.of("a1", "b1"), "integration")));

        assertThat(summary.category()).isEqualTo("technical");
    }

    @Test
    void shouldAnnounceOncePerConfiguredSizeNeverOnEveryTicket() {
        assertThat(ClusterSummary.announceAt(SIZES, 2, null)).isZero();
        assertThat(ClusterSummary.announceAt(SIZES, 3, null)).isEqualTo(3);
        assertThat(ClusterSummary.announceAt(SIZES, 3, 3)).isZero();
        assertThat(ClusterSummary.announceAt(SIZES, 4, 3)).isZero();
        assertThat(ClusterSummary.announceAt(SIZES, 5, 3)).isEqualTo(5);
        assertThat(ClusterSummary.announceAt(SIZES, 7, 5)).isZero();
        // a cluster founded by several tickets at once is announced once, at the largest size reached
        assertThat(ClusterSummary.announceAt(SIZES, 6, null)).isEqualTo(5);
        assertThat(ClusterSummary.announceAt(SIZES, 60, 20)).isEqualTo(50);
    }
}
