package io.ticketsuite.triage.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.events.TicketCreated;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The retention sweep, on a test clock: clusters no ticket joined within the window (7 days) go with their
 * membership and announcements, and so do the tickets older than the window, in chunks; recent clusters and tickets
 * stay; the replica's index forgets what was deleted; a second sweep finds nothing.
 */
@QuarkusTest
class RecurringRetentionTest {
    @Inject
    RecurringReplicas recurring;

    @Test
    void shouldDeleteClustersAndTicketsOlderThanTheWindowInChunksAndForgetThemInTheIndex() throws Throwable {
        // the clock starts 6 days ago (inside the window of the application's own sweep, which never sees these rows
        // as old: only this test's clock moves past them)
        RecurringReplica.TestClock clock = new RecurringReplica.TestClock(
                Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(6)));
        RecurringReplica replica = recurring.start(clock);

        List<TicketCreated> old = List.of(
                RecurringReplica.ticket(
                        "Kiosk barcode scanner beeps but reads nothing",
                        "Our kiosk barcode scanner beeps and reads no barcode at checkout.",
                        clock.instant()),
                RecurringReplica.ticket(
                        "Barcode scanner at the kiosk reads nothing",
                        "The kiosk barcode scanner beeps at checkout but reads nothing.",
                        clock.instant()),
                RecurringReplica.ticket(
                        "Kiosk scanner beeps, no barcode read",
                        "At checkout the kiosk barcode scanner beeps and reads nothing.",
                        clock.instant()),
                RecurringReplica.ticket(
                        "Rotterdam depot manifest pallet weights",
                        "Pallet weights on the Rotterdam depot manifest are in pounds, not kilograms.",
                        clock.instant()));
        List<RecurringService.Result> oldResults = new ArrayList<>();
        for (TicketCreated t : old) {
            oldResults.add(replica.observe(t));
        }
        RecurringService.Result oldCluster = oldResults.get(2);
        assertThat(oldCluster.announcedSize()).isEqualTo(3);
        assertThat(oldResults.get(3).clusterId())
                .as("the lone ticket is like nothing")
                .isNull();

        clock.advance(Duration.ofDays(5)); // yesterday
        List<TicketCreated> recent = List.of(
                RecurringReplica.ticket(
                        "Tablet camera shows a green screen in the visit app",
                        "The visit app camera on our tablets shows only a green screen.",
                        clock.instant()),
                RecurringReplica.ticket(
                        "Green screen from the tablet camera",
                        "In the visit app the tablet camera shows a green screen.",
                        clock.instant()),
                RecurringReplica.ticket(
                        "Visit app tablet camera green screen",
                        "Opening the camera in the visit app on a tablet shows a green screen.",
                        clock.instant()),
                RecurringReplica.ticket(
                        "Glasgow warehouse forklift licence upload",
                        "The forklift licence scan of our Glasgow warehouse driver will not attach.",
                        clock.instant()));
        List<RecurringService.Result> recentResults = new ArrayList<>();
        for (TicketCreated t : recent) {
            recentResults.add(replica.observe(t));
        }
        RecurringService.Result recentCluster = recentResults.get(2);
        assertThat(recentCluster.announcedSize()).isEqualTo(3);
        assertThat(recentResults.get(3).clusterId())
                .as("the lone ticket is like nothing")
                .isNull();
        UUID gone = oldCluster.clusterId();
        UUID kept = recentCluster.clusterId();
        int indexedBefore = replica.service.indexed();
        double purgedBefore = purgedTickets();

        clock.advance(Duration.ofDays(3)); // the old tickets are 9 days old, the recent ones 4
        RecurringService.Purged purged = replica.purge(2); // chunks of two rows

        assertThat(purged).isEqualTo(new RecurringService.Purged(1, 4));
        assertThat(count("SELECT count(*) FROM recurring_cluster WHERE cluster_id = ?", gone))
                .isZero();
        assertThat(count("SELECT count(*) FROM recurring_member WHERE cluster_id = ?", gone))
                .isZero();
        assertThat(count("SELECT count(*) FROM recurring_announcement WHERE cluster_id = ?", gone))
                .isZero();
        assertThat(count("SELECT count(*) FROM recurring_ticket WHERE ticket_id = ANY (?)", ids(old)))
                .isZero();
        assertThat(count("SELECT size FROM recurring_cluster WHERE cluster_id = ?", kept))
                .isEqualTo(3);
        assertThat(count("SELECT count(*) FROM recurring_announcement WHERE cluster_id = ?", kept))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM recurring_ticket WHERE ticket_id = ANY (?)", ids(recent)))
                .isEqualTo(4);
        assertThat(replica.service.indexed()).as("the index forgets them too").isEqualTo(indexedBefore - 4);
        assertThat(purgedTickets() - purgedBefore).isEqualTo(4);

        assertThat(replica.purge(2)).isEqualTo(new RecurringService.Purged(0, 0));

        // a week after the recent ones nothing of them is left (and nothing younger is touched)
        clock.advance(Duration.ofDays(4).plusHours(1));
        assertThat(replica.purge(500)).isEqualTo(new RecurringService.Purged(1, 4));
        assertThat(count("SELECT count(*) FROM recurring_cluster WHERE cluster_id = ?", kept))
                .isZero();
        assertThat(count("SELECT count(*) FROM recurring_ticket WHERE ticket_id = ANY (?)", ids(recent)))
                .isZero();
    }

    private double purgedTickets() {
        return recurring
                .registry()
                .find("ts.triage.recurring.purged")
                .tag("kind", "ticket")
                .counter()
                .count();
    }

    private static List<UUID> ids(List<TicketCreated> tickets) {
        return new ArrayList<>(tickets.stream().map(TicketCreated::ticketId).toList());
    }

    private long count(String sql, Object parameter) throws Exception {
        return recurring.longs(sql, parameter).get(0);
    }
}
