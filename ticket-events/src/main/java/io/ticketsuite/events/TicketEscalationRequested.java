package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** {@code ticket.escalation-requested} on ticket-events: staff asked for an escalation. */
public record TicketEscalationRequested(
        @JsonProperty(required = true) UUID ticketId,
        String reason,
        String requestedBy,
        @JsonProperty(required = true) Instant requestedAt)
        implements EventData {}
