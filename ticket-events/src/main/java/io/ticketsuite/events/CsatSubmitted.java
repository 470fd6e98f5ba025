package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** {@code csat.submitted} on notification-events: the customer rated the support. */
public record CsatSubmitted(
        @JsonProperty(required = true) UUID ticketId,
        int score,
        String comment,
        @JsonProperty(required = true) Instant submittedAt)
        implements EventData {}
