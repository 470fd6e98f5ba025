package io.ticketsuite.sla.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.sla.SlaClockRun;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The clocks of tickets. */
@ApplicationScoped
public class SlaClockRepository implements PanacheRepositoryBase<SlaClockRun, UUID> {

    public Uni<List<SlaClockRun>> ofTicket(UUID ticketId) {
        return list("ticketId", ticketId);
    }

    public Uni<List<SlaClockRun>> ofTickets(Collection<UUID> ticketIds) {
        return list("ticketId in ?1", ticketIds);
    }
}
