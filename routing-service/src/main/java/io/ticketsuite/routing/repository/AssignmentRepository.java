package io.ticketsuite.routing.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.routing.Assignment;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class AssignmentRepository implements PanacheRepositoryBase<Assignment, UUID> {

    /** Open assignments per agent of one team (agents without any are absent). */
    public Uni<Map<String, Integer>> openLoads(String teamId) {
        return loads(
                "select a.agentId, count(a) from Assignment a"
                        + " where a.open = true and a.teamId = :team and a.agentId is not null group by a.agentId",
                Map.of("team", teamId));
    }

    /** Open assignments per agent, every team. */
    public Uni<Map<String, Integer>> openLoads() {
        return loads(
                "select a.agentId, count(a) from Assignment a"
                        + " where a.open = true and a.agentId is not null group by a.agentId",
                Map.of());
    }

    private Uni<Map<String, Integer>> loads(String hql, Map<String, Object> params) {
        return Panache.getSession()
                .chain(session -> {
                    var query = session.createQuery(hql, Object[].class);
                    params.forEach(query::setParameter);
                    return query.getResultList();
                })
                .map(AssignmentRepository::toMap);
    }

    private static Map<String, Integer> toMap(List<Object[]> rows) {
        Map<String, Integer> loads = new HashMap<>();
        for (Object[] row : rows) {
            loads.put((String) row[0], ((Number) row[1]).intValue());
        }
        return loads;
    }
}
