package io.ticketsuite.routing.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.routing.RoutingCursor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class RoutingCursorRepository implements PanacheRepositoryBase<RoutingCursor, String> {
    private static final String ENSURE = "INSERT INTO routing_cursor (team_id) VALUES (?1) ON CONFLICT DO NOTHING";

    /**
     * The team's cursor, row-locked for the rest of the transaction: choices of an agent of one team are
     * serialised, across consumers and instances. The row is created if a team was added without one.
     */
    public Uni<RoutingCursor> lock(String teamId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(ENSURE)
                        .setParameter(1, teamId)
                        .executeUpdate())
                .chain(() -> findById(teamId, LockModeType.PESSIMISTIC_WRITE));
    }
}
