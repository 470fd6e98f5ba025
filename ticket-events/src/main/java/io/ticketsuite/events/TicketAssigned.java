package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** {@code ticket.assigned} on routing-events: a team and an agent were chosen, with the rule that fired. */
public record TicketAssigned(
        @JsonProperty(required = true) UUID ticketId,
        @JsonProperty(required = true) String teamId,
        String teamName,
        String agentId,
        String agentName,
        String teamLeadId,
        @JsonProperty(required = true) String rule,
        String reason,
        @JsonProperty(required = true) Instant assignedAt)
        implements EventData {}
