package io.ticketsuite.sla.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.sla.SlaPause;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The pauses of the clocks. */
@ApplicationScoped
public class SlaPauseRepository implements PanacheRepositoryBase<SlaPause, UUID> {

    public Uni<List<SlaPause>> ofTicket(UUID ticketId) {
        return list("ticketId = ?1 order by pausedAt, clock", ticketId);
    }
}
