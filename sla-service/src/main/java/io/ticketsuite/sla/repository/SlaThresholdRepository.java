package io.ticketsuite.sla.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.sla.SlaThreshold;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

/** The thresholds of the clocks (the scheduler claims due ones set-based: {@code ThresholdFiringService}). */
@ApplicationScoped
public class SlaThresholdRepository implements PanacheRepositoryBase<SlaThreshold, UUID> {
    /** The ticket's thresholds neither fired nor cancelled, locked so that the scheduler cannot fire them meanwhile. */
    public Uni<List<SlaThreshold>> pendingForUpdate(UUID ticketId) {
        return find("ticketId = ?1 and firedAt is null and cancelledAt is null", ticketId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    public Uni<List<SlaThreshold>> ofTicket(UUID ticketId) {
        return list("ticketId", ticketId);
    }
}
