package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** {@code ticket.reopened} on ticket-events: a resolved ticket was reopened within the reopen window. */
public record TicketReopened(
        @JsonProperty(required = true) UUID ticketId,
        String reason,
        @JsonProperty(required = true) Instant reopenedAt) implements EventData {}
