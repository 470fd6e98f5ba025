package io.ticketsuite.routing.selection;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the selector weighs for one ticket in one team.
 *
 * @param strategy how to choose among the eligible agents
 * @param agents the team's active agents with their load, skills, seniority and availability
 * @param language the customer's language, or null
 * @param cursor the id of the last agent chosen for this team, or null
 * @param requiredSkills skills every candidate must have (the category's and the rule's), empty for none
 * @param vip the customer is in the VIP directory: senior agents are preferred
 * @param previous the agent who last helped this customer within the continuity window, or null
 * @param excluded agents who must not get the ticket, with why (e.g. the agent going offline), empty for none
 */
public record SelectionRequest(
        Strategy strategy,
        List<AgentCandidate> agents,
        String language,
        String cursor,
        Set<String> requiredSkills,
        boolean vip,
        Previous previous,
        Map<String, String> excluded) {

    public SelectionRequest {
        agents = agents == null ? List.of() : List.copyOf(agents);
        requiredSkills = requiredSkills == null ? Set.of() : Set.copyOf(requiredSkills);
        excluded = excluded == null ? Map.of() : Map.copyOf(excluded);
    }

    /** A plain request: strategy, language and cursor only. */
    public static SelectionRequest of(Strategy strategy, List<AgentCandidate> agents, String language, String cursor) {
        return new SelectionRequest(strategy, agents, language, cursor, Set.of(), false, null, Map.of());
    }

    /** The agent who last helped the customer, and when. */
    public record Previous(String agentId, Instant helpedAt) {}
}
