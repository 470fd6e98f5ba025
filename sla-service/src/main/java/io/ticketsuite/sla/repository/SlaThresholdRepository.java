package io.ticketsuite.sla.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.sla.SlaThreshold;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The thresholds of the clocks (the scheduler claims due ones set-based: {@code ThresholdFiringService}). */
@ApplicationScoped
public class SlaThresholdRepository implements PanacheRepositoryBase<SlaThreshold, UUID> {
    /**
     * The tickets' thresholds neither fired nor cancelled, in one statement, locked (in ticket order) so that the
     * scheduler cannot fire them meanwhile.
     */
    public Uni<List<SlaThreshold>> pendingForUpdate(Collection<UUID> ticketIds) {
        return find("ticketId in ?1 and firedAt is null and cancelledAt is null order by ticketId, id", ticketIds)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    public Uni<List<SlaThreshold>> ofTicket(UUID ticketId) {
        return list("ticketId", ticketId);
    }
}
