package io.ticketsuite.sla.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.sla.SlaPause;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The pauses of the clocks. */
@ApplicationScoped
public class SlaPauseRepository implements PanacheRepositoryBase<SlaPause, UUID> {

    public Uni<List<SlaPause>> ofTicket(UUID ticketId) {
        return list("ticketId = ?1 order by pausedAt, clock", ticketId);
    }

    /** The pauses of many tickets in one statement, each ticket's in {@link #ofTicket}'s order. */
    public Uni<List<SlaPause>> ofTickets(Collection<UUID> ticketIds) {
        return list("ticketId in ?1 order by ticketId, pausedAt, clock", ticketIds);
    }
}
