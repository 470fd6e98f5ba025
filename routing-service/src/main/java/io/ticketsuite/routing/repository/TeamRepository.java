package io.ticketsuite.routing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.routing.Team;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class TeamRepository implements PanacheRepositoryBase<Team, String> {

    public Uni<List<Team>> listOrdered() {
        return listAll(Sort.by("id"));
    }

    /** The team of a tier (T1, T2, T3), or null. */
    public Uni<Team> byTier(String tier) {
        return find("tier", tier).firstResult();
    }
}
