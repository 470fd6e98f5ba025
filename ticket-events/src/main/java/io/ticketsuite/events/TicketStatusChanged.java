package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code ticket.status-changed} on ticket-events: the ticket moved from one status to another.
 *
 * @param changedBy who moved it: the verified principal id of the caller for a change through the API (a staff id,
 *     or a customer's subject), or the service that moved it ({@code triage-service}, {@code routing-service})
 * @param changedByRole the caller's role when a person moved it through the API ({@code CUSTOMER}, {@code AGENT},
 *     {@code LEAD}, {@code ADMIN}); absent when a service moved it, and in events written before this field existed
 * @param resolution how the ticket was resolved; set when {@code to} is {@code RESOLVED}, absent otherwise (and in
 *     events written before this field existed)
 */
public record TicketStatusChanged(
        @JsonProperty(required = true) UUID ticketId,
        @JsonProperty(required = true) TicketType type,
        @JsonProperty(required = true) TicketStatus from,
        @JsonProperty(required = true) TicketStatus to,
        String reason,
        String changedBy,
        String changedByRole,
        @JsonProperty(required = true) Instant changedAt,
        Resolution resolution)
        implements EventData {

    /** A change without a resolution (any move other than to RESOLVED). */
    public TicketStatusChanged(
            UUID ticketId,
            TicketType type,
            TicketStatus from,
            TicketStatus to,
            String reason,
            String changedBy,
            String changedByRole,
            Instant changedAt) {
        this(ticketId, type, from, to, reason, changedBy, changedByRole, changedAt, null);
    }

    /** A change without a caller's role (a service moved the ticket). */
    public TicketStatusChanged(
            UUID ticketId,
            TicketType type,
            TicketStatus from,
            TicketStatus to,
            String reason,
            String changedBy,
            Instant changedAt) {
        this(ticketId, type, from, to, reason, changedBy, null, changedAt, null);
    }
}
