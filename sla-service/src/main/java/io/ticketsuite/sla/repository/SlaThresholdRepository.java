package io.ticketsuite.sla.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.sla.SlaThreshold;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The thresholds of the clocks, and the due ones the scheduler claims. */
@ApplicationScoped
public class SlaThresholdRepository implements PanacheRepositoryBase<SlaThreshold, UUID> {
    /**
     * Due, unfired, uncancelled thresholds of running (not paused) clocks, oldest first, locked; rows another replica (or a consumer changing
     * the clock) holds are skipped, and a row fired meanwhile no longer matches once its lock is granted.
     */
    private static final String CLAIM_DUE = "SELECT * FROM sla_threshold"
            + " WHERE fired_at IS NULL AND cancelled_at IS NULL AND held_since IS NULL AND fire_at <= ?1"
            + " ORDER BY fire_at, id LIMIT ?2 FOR UPDATE SKIP LOCKED";

    /** The ticket's thresholds neither fired nor cancelled, locked so that the scheduler cannot fire them meanwhile. */
    public Uni<List<SlaThreshold>> pendingForUpdate(UUID ticketId) {
        return find("ticketId = ?1 and firedAt is null and cancelledAt is null", ticketId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    public Uni<List<SlaThreshold>> ofTicket(UUID ticketId) {
        return list("ticketId", ticketId);
    }

    /** The earliest instant a pending threshold of a running clock is due (null if none), from the due index. */
    public Uni<Instant> nextDue() {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select min(fireAt) from SlaThreshold"
                                        + " where firedAt is null and cancelledAt is null and heldSince is null",
                                Instant.class)
                        .getSingleResultOrNull());
    }

    /** Claims up to {@code limit} thresholds due at {@code now} for the current transaction. */
    public Uni<List<SlaThreshold>> claimDue(Instant now, int limit) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM_DUE, SlaThreshold.class)
                        .setParameter(1, now)
                        .setParameter(2, limit)
                        .getResultList());
    }
}
