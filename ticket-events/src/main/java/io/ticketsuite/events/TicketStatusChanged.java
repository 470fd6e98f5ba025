package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** {@code ticket.status-changed} on ticket-events: the ticket moved from one status to another. */
public record TicketStatusChanged(
        @JsonProperty(required = true) UUID ticketId,
        @JsonProperty(required = true) TicketType type,
        @JsonProperty(required = true) TicketStatus from,
        @JsonProperty(required = true) TicketStatus to,
        String reason,
        String changedBy,
        @JsonProperty(required = true) Instant changedAt)
        implements EventData {}
