package io.ticketsuite.intake.rest.dto;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One escalation of a ticket: the level, the matrix rule that fired and why, whom it paged, and by when they must
 * acknowledge (absent when the level has no next level). Acknowledgements live in routing-service
 * ({@code GET /api/v1/escalations?ticket_id=}).
 */
public record EscalationResponse(
        UUID id,
        UUID ticketId,
        String level,
        String rule,
        String reason,
        String teamId,
        List<Target> targets,
        Instant acknowledgeBy,
        boolean immediate,
        Instant escalatedAt) {
    public record Target(String staffId, String name, String role) {}
}
