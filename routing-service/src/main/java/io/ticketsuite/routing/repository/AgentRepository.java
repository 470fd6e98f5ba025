package io.ticketsuite.routing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.routing.Agent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class AgentRepository implements PanacheRepositoryBase<Agent, String> {

    /** The agents of a team who can take tickets now, in id order. */
    public Uni<List<Agent>> activeInTeam(String teamId) {
        return list("teamId = ?1 and active = true", Sort.by("id"), teamId);
    }

    public Uni<List<Agent>> listOrdered() {
        return listAll(Sort.by("teamId").and("id"));
    }
}
