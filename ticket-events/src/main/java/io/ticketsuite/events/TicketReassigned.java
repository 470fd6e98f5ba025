package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code ticket.reassigned} on routing-events: the ticket moved to another agent or team. {@code fromTeamId} is
 * the team it left (equal to {@code teamId} for a move inside a team), {@code tier} the tier of the new team when
 * it is tiered (T1/T2/T3), {@code reassignedBy} the principal who moved it, or {@code routing-service} for an
 * automatic move (reclassification, an agent going offline).
 */
public record TicketReassigned(
        @JsonProperty(required = true) UUID ticketId,
        String fromAgentId,
        String toAgentId,
        @JsonProperty(required = true) String teamId,
        String reason,
        @JsonProperty(required = true) Instant reassignedAt,
        String fromTeamId,
        String tier,
        String reassignedBy)
        implements EventData {

    /** The original field list (before fromTeamId, tier and reassignedBy). */
    public TicketReassigned(
            UUID ticketId, String fromAgentId, String toAgentId, String teamId, String reason, Instant reassignedAt) {
        this(ticketId, fromAgentId, toAgentId, teamId, reason, reassignedAt, null, null, null);
    }
}
