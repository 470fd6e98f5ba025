package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** {@code sla.started} on sla-events: the response and resolution clocks run. */
public record SlaStarted(
        @JsonProperty(required = true) UUID ticketId,
        @JsonProperty(required = true) Priority priority,
        @JsonProperty(required = true) Instant startedAt,
        @JsonProperty(required = true) Instant responseDueAt,
        @JsonProperty(required = true) Instant resolutionDueAt)
        implements EventData {}
