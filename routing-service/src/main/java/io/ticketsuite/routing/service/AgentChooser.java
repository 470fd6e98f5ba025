package io.ticketsuite.routing.service;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.routing.Agent;
import io.ticketsuite.routing.Seniority;
import io.ticketsuite.routing.Team;
import io.ticketsuite.routing.config.RoutingConfig;
import io.ticketsuite.routing.repository.AgentRepository;
import io.ticketsuite.routing.repository.AssignmentRepository;
import io.ticketsuite.routing.repository.RoutingCursorRepository;
import io.ticketsuite.routing.repository.VipCustomerRepository;
import io.ticketsuite.routing.selection.AgentCandidate;
import io.ticketsuite.routing.selection.AgentSelector;
import io.ticketsuite.routing.selection.Selection;
import io.ticketsuite.routing.selection.SelectionRequest;
import io.ticketsuite.routing.selection.Strategy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses an agent of a team for one ticket inside the caller's transaction: locks the team's round-robin cursor,
 * reads the team's agents (load from their maintained counter), looks up VIP and continuity, asks the pure
 * {@link AgentSelector} and moves the cursor to the agent chosen.
 */
@ApplicationScoped
public class AgentChooser {
    private final AgentRepository agents;
    private final RoutingCursorRepository cursors;
    private final AssignmentRepository assignments;
    private final VipCustomerRepository vips;
    private final AgentSelector selector;
    private final RoutingConfig config;
    private final Clock clock;

    public AgentChooser(
            AgentRepository agents,
            RoutingCursorRepository cursors,
            AssignmentRepository assignments,
            VipCustomerRepository vips,
            AgentSelector selector,
            RoutingConfig config,
            Clock clock) {
        this.agents = agents;
        this.cursors = cursors;
        this.assignments = assignments;
        this.vips = vips;
        this.selector = selector;
        this.config = config;
        this.clock = clock;
    }

    /** What the choice depends on besides the team. */
    public record Ask(
            Strategy strategy,
            Set<String> skills,
            String language,
            String customerId,
            boolean continuity,
            Map<String, String> excluded) {}

    public Uni<Selection> choose(Team team, Ask ask) {
        return cursors.lock(team.id)
                .chain(cursor -> agents.activeInTeam(team.id)
                        .chain(members -> vips.isVip(ask.customerId())
                                .chain(vip -> previous(ask).map(previous -> {
                                    List<AgentCandidate> candidates = members.stream()
                                            .map(AgentChooser::candidate)
                                            .toList();
                                    Selection selection = selector.select(new SelectionRequest(
                                            ask.strategy(),
                                            candidates,
                                            ask.language(),
                                            cursor.lastAgentId,
                                            ask.skills(),
                                            vip,
                                            previous,
                                            ask.excluded()));
                                    selection.agent().ifPresent(agent -> {
                                        cursor.lastAgentId = agent.id();
                                        cursor.updatedAt = now();
                                    });
                                    return selection;
                                }))));
    }

    private Uni<SelectionRequest.Previous> previous(Ask ask) {
        if (!ask.continuity() || ask.customerId() == null) {
            return Uni.createFrom().nullItem();
        }
        Instant since = clock.instant().minus(config.continuityWindow());
        return assignments
                .lastHelped(ask.customerId(), since)
                .map(last -> last == null ? null : new SelectionRequest.Previous(last.agentId, last.assignedAt));
    }

    public static AgentCandidate candidate(Agent a) {
        return new AgentCandidate(
                a.id,
                a.name,
                new HashSet<>(a.languages),
                a.capacity,
                a.openAssignments,
                new HashSet<>(a.skills),
                a.seniority != Seniority.JUNIOR,
                a.status);
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
