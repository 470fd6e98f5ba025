package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** {@code ticket.updated} on ticket-events: fields other than the status changed (category, priority, team, assignee, tags). */
public record TicketUpdated(
        @JsonProperty(required = true) UUID ticketId,
        @JsonProperty(required = true) Map<String, String> changes,
        @JsonProperty(required = true) Instant updatedAt)
        implements EventData {}
