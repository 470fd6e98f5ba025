package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** {@code ticket.reassigned} on routing-events: the ticket moved to another agent or team. */
public record TicketReassigned(
        @JsonProperty(required = true) UUID ticketId,
        String fromAgentId,
        String toAgentId,
        @JsonProperty(required = true) String teamId,
        String reason,
        @JsonProperty(required = true) Instant reassignedAt)
        implements EventData {}
