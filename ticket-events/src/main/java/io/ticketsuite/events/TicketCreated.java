package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code ticket.created} on ticket-events: a new ticket was accepted from a channel. */
public record TicketCreated(
        @JsonProperty(required = true) UUID ticketId,
        @JsonProperty(required = true) TicketType type,
        @JsonProperty(required = true) Channel channel,
        @JsonProperty(required = true) String subject,
        String description,
        @JsonProperty(required = true) Customer customer,
        List<String> tags,
        String externalId,
        @JsonProperty(required = true) TicketStatus status,
        @JsonProperty(required = true) Instant createdAt)
        implements EventData {}
