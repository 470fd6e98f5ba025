package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** {@code sla.met} on sla-events: a clock was stopped by a first public agent reply or by resolution. */
public record SlaMet(
        @JsonProperty(required = true) UUID ticketId,
        @JsonProperty(required = true) SlaClock clock,
        @JsonProperty(required = true) Instant dueAt,
        @JsonProperty(required = true) Instant metAt,
        boolean withinTarget)
        implements EventData {}
