package io.ticketsuite.routing.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.routing.Agent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class AgentRepository implements PanacheRepositoryBase<Agent, String> {
    private static final String ADJUST =
            "UPDATE agent SET open_assignments = GREATEST(0, open_assignments + ?2) WHERE id = ?1";

    /** The agents of a team who can take tickets now, in id order. */
    public Uni<List<Agent>> activeInTeam(String teamId) {
        return list("teamId = ?1 and active = true", Sort.by("id"), teamId);
    }

    public Uni<List<Agent>> listOrdered() {
        return listAll(Sort.by("teamId").and("id"));
    }

    /**
     * Adds {@code delta} to the agent's open-assignment counter (one row by primary key, in the caller's
     * transaction): the load the selector reads, maintained with every assignment change instead of counted.
     */
    public Uni<Void> adjustLoad(String agentId, int delta) {
        if (agentId == null || delta == 0) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(ADJUST)
                        .setParameter(1, agentId)
                        .setParameter(2, delta)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
