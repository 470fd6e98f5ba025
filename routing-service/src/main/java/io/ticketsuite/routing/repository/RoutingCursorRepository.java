package io.ticketsuite.routing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.persistence.TicketRows;
import io.ticketsuite.routing.RoutingCursor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class RoutingCursorRepository implements PanacheRepositoryBase<RoutingCursor, String> {
    private static final String ENSURE = "INSERT INTO routing_cursor (team_id) VALUES (?1) ON CONFLICT DO NOTHING";

    /**
     * The team's cursor, row-locked for the rest of the transaction: choices of an agent of one team are
     * serialised, across consumers and instances. Locked first; the row is created only if a team was added without
     * one ({@link TicketRows#lockOrInsert}: one statement per choice, not two).
     */
    public Uni<RoutingCursor> lock(String teamId) {
        return TicketRows.lockOrInsert(
                RoutingCursor.class, () -> findById(teamId, LockModeType.PESSIMISTIC_WRITE), ENSURE, teamId);
    }
}
