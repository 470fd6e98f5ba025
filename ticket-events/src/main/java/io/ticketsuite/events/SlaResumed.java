package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** {@code sla.resumed} on sla-events: the clocks run again, with the new due instants. */
public record SlaResumed(
        @JsonProperty(required = true) UUID ticketId,
        @JsonProperty(required = true) Instant resumedAt,
        Instant responseDueAt,
        Instant resolutionDueAt)
        implements EventData {}
