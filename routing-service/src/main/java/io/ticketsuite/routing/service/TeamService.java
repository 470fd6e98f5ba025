package io.ticketsuite.routing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.routing.Agent;
import io.ticketsuite.routing.Team;
import io.ticketsuite.routing.repository.AgentRepository;
import io.ticketsuite.routing.repository.AssignmentRepository;
import io.ticketsuite.routing.repository.TeamRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** Reads the team directory with the current load of every agent. */
@ApplicationScoped
public class TeamService {
    private final TeamRepository teams;
    private final AgentRepository agents;
    private final AssignmentRepository assignments;

    public TeamService(TeamRepository teams, AgentRepository agents, AssignmentRepository assignments) {
        this.teams = teams;
        this.agents = agents;
        this.assignments = assignments;
    }

    /** Teams in id order, their agents, and open assignments per agent id. */
    public record Directory(List<Team> teams, List<Agent> agents, Map<String, Integer> loads) {}

    @WithSession
    public Uni<Directory> directory() {
        return teams.listOrdered()
                .chain(t -> agents.listOrdered()
                        .chain(a -> assignments.openLoads().map(loads -> new Directory(t, a, loads))));
    }
}
