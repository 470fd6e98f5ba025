package io.ticketsuite.routing.rest.dto;

import java.util.List;

/** A team with its tier (T1/T2/T3 or null), its lead, its agents and their current load. */
public record TeamResponse(
        String id, String name, String tier, Lead lead, int openAssignments, int capacity, List<AgentResponse> agents) {

    /** The team lead; {@code agent} tells whether the lead also takes tickets. */
    public record Lead(String id, String name, boolean agent) {}
}
