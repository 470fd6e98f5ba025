package io.ticketsuite.routing.rest.dto;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An escalation level reached for a ticket, with its targets, deadline and state. */
public record EscalationResponse(
        UUID id,
        UUID ticketId,
        String rule,
        int level,
        String levelName,
        String state,
        String reason,
        String triggerEvent,
        String teamId,
        UUID clusterId,
        List<EscalationTargetResponse> targets,
        boolean immediate,
        Instant createdAt,
        Instant acknowledgeBy,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant expiredAt,
        Instant closedAt,
        UUID previousId,
        UUID nextId) {}
