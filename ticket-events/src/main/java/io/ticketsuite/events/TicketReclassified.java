package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** {@code ticket.reclassified} on triage-events: category or priority changed after the first triage. */
public record TicketReclassified(
        @JsonProperty(required = true) UUID ticketId,
        String previousCategory,
        @JsonProperty(required = true) String category,
        Priority previousPriority,
        @JsonProperty(required = true) Priority priority,
        String reason,
        @JsonProperty(required = true) Instant reclassifiedAt)
        implements EventData {}
