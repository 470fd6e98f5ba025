package io.ticketsuite.sla.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.sla.SlaClockEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The history of the clocks, every cycle. */
@ApplicationScoped
public class SlaClockEventRepository implements PanacheRepositoryBase<SlaClockEvent, UUID> {

    public Uni<List<SlaClockEvent>> ofTicket(UUID ticketId) {
        return list("ticketId = ?1 order by at, clock", ticketId);
    }
}
