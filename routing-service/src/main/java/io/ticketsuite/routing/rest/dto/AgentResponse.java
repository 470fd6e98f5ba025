package io.ticketsuite.routing.rest.dto;

import io.ticketsuite.routing.AgentStatus;
import io.ticketsuite.routing.Seniority;
import java.util.List;

/** An agent and their load (open assignments against capacity) and availability. */
public record AgentResponse(
        String id,
        String name,
        String email,
        List<String> languages,
        List<String> skills,
        Seniority seniority,
        int capacity,
        int openAssignments,
        boolean active,
        AgentStatus status) {}
