package io.ticketsuite.routing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.routing.Agent;
import io.ticketsuite.routing.Team;
import io.ticketsuite.routing.repository.AgentRepository;
import io.ticketsuite.routing.repository.TeamRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads the team directory with the current load of every agent (their maintained counters). */
@ApplicationScoped
public class TeamService {
    private final TeamRepository teams;
    private final AgentRepository agents;

    public TeamService(TeamRepository teams, AgentRepository agents) {
        this.teams = teams;
        this.agents = agents;
    }

    /** Teams in id order and their agents (each with their maintained open-assignment counter). */
    public record Directory(List<Team> teams, List<Agent> agents) {}

    @WithSession
    public Uni<Directory> directory() {
        return teams.listOrdered().chain(t -> agents.listOrdered().map(a -> new Directory(t, a)));
    }
}
