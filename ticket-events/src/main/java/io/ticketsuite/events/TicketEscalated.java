package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code ticket.escalated} on routing-events: the ticket was escalated to a higher level. Escalations from the
 * matrix carry their id, the rule, the targets resolved to staff ids, the acknowledgement deadline (absent when
 * the level has no next level) and whether the targets are paged immediately. A missed deadline publishes another
 * {@code ticket.escalated} for the next level (same ticket, new escalation id).
 */
public record TicketEscalated(
        @JsonProperty(required = true) UUID ticketId,
        @JsonProperty(required = true) String level,
        String teamId,
        String reason,
        @JsonProperty(required = true) Instant escalatedAt,
        UUID escalationId,
        String rule,
        List<EscalationTarget> targets,
        Instant acknowledgeBy,
        boolean immediate)
        implements EventData {

    public TicketEscalated {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /** The original five-field form (no matrix details). */
    public TicketEscalated(UUID ticketId, String level, String teamId, String reason, Instant escalatedAt) {
        this(ticketId, level, teamId, reason, escalatedAt, null, null, List.of(), null, false);
    }
}
