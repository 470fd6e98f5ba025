package io.ticketsuite.routing.mapping;

import io.ticketsuite.routing.Agent;
import io.ticketsuite.routing.Assignment;
import io.ticketsuite.routing.Team;
import io.ticketsuite.routing.VipCustomer;
import io.ticketsuite.routing.rest.dto.AgentResponse;
import io.ticketsuite.routing.rest.dto.AssignmentResponse;
import io.ticketsuite.routing.rest.dto.RuleResponse;
import io.ticketsuite.routing.rest.dto.TeamResponse;
import io.ticketsuite.routing.rest.dto.VipCustomerResponse;
import io.ticketsuite.routing.rules.RoutingRule;
import io.ticketsuite.routing.service.TeamService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Entities and rules to API representations. */
public final class RoutingMapper {
    private RoutingMapper() {}

    public static AssignmentResponse toResponse(Assignment a) {
        return new AssignmentResponse(
                a.ticketId,
                a.teamId,
                a.teamName,
                a.teamLeadId,
                a.agentId,
                a.agentName,
                a.rule,
                a.reason,
                a.category,
                a.priority,
                a.customerTier,
                a.language,
                a.open,
                a.triagedAt,
                a.assignedAt,
                a.closedAt,
                a.customerId,
                a.tier,
                a.reassignedAt,
                a.reassignments);
    }

    public static List<TeamResponse> toResponse(TeamService.Directory directory) {
        List<TeamResponse> teams = new ArrayList<>();
        for (Team team : directory.teams()) {
            List<AgentResponse> members = directory.agents().stream()
                    .filter(a -> a.teamId.equals(team.id))
                    .map(RoutingMapper::toResponse)
                    .toList();
            boolean leadIsAgent = members.stream().anyMatch(a -> a.id().equals(team.leadId));
            int open = members.stream().mapToInt(AgentResponse::openAssignments).sum();
            int capacity = members.stream()
                    .filter(AgentResponse::active)
                    .mapToInt(AgentResponse::capacity)
                    .sum();
            teams.add(new TeamResponse(
                    team.id,
                    team.name,
                    team.tier,
                    new TeamResponse.Lead(team.leadId, team.leadName, leadIsAgent),
                    open,
                    capacity,
                    members));
        }
        return teams;
    }

    public static AgentResponse toResponse(Agent a) {
        return new AgentResponse(
                a.id,
                a.name,
                a.email,
                List.copyOf(a.languages),
                List.copyOf(a.skills),
                a.seniority,
                a.capacity,
                a.openAssignments,
                a.active,
                a.status);
    }

    public static VipCustomerResponse toResponse(VipCustomer v) {
        return new VipCustomerResponse(v.customerId, v.note, v.flaggedBy, v.flaggedAt);
    }

    public static RuleResponse toResponse(RoutingRule rule, int order) {
        return new RuleResponse(
                order,
                rule.id(),
                rule.description(),
                sorted(rule.categories()),
                sorted(rule.tiers()),
                sorted(rule.priorities()),
                rule.teamId(),
                rule.strategy(),
                rule.immediate());
    }

    private static List<String> sorted(Set<?> values) {
        return values.stream().map(Object::toString).sorted().toList();
    }
}
