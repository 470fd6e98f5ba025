package io.ticketsuite.routing.rest.dto;

import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import java.time.Instant;
import java.util.UUID;

/** The assignment of a ticket: team, agent, the rule that fired and why. */
public record AssignmentResponse(
        UUID ticketId,
        String teamId,
        String teamName,
        String teamLeadId,
        String agentId,
        String agentName,
        String rule,
        String reason,
        String category,
        Priority priority,
        CustomerTier customerTier,
        String language,
        boolean open,
        Instant triagedAt,
        Instant assignedAt,
        Instant closedAt,
        String customerId,
        String tier,
        Instant reassignedAt,
        int reassignments) {}
