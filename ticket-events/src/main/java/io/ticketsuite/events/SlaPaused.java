package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** {@code sla.paused} on sla-events: the clocks stopped while waiting for the customer or a third party. */
public record SlaPaused(
        @JsonProperty(required = true) UUID ticketId,
        String reason,
        @JsonProperty(required = true) Instant pausedAt) implements EventData {}
