package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** {@code ticket.triaged} on triage-events: the classifier's decision with its explanation. */
public record TicketTriaged(
        @JsonProperty(required = true) UUID ticketId,
        @JsonProperty(required = true) String category,
        @JsonProperty(required = true) Priority priority,
        double confidence,
        Map<String, Object> explanation,
        String rulePackVersion,
        @JsonProperty(required = true) Instant triagedAt)
        implements EventData {}
