package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** {@code ticket.escalated} on routing-events: the ticket was escalated to a higher level. */
public record TicketEscalated(
        @JsonProperty(required = true) UUID ticketId,
        @JsonProperty(required = true) String level,
        String teamId,
        String reason,
        @JsonProperty(required = true) Instant escalatedAt)
        implements EventData {}
