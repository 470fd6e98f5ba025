package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** {@code sla.escalated} on sla-events: a clock reached 125 % of its target. */
public record SlaEscalated(
        @JsonProperty(required = true) UUID ticketId,
        @JsonProperty(required = true) SlaClock clock,
        int thresholdPercent,
        @JsonProperty(required = true) Priority priority,
        @JsonProperty(required = true) Instant dueAt,
        String assigneeId,
        String teamId,
        String teamLeadId,
        @JsonProperty(required = true) Instant firedAt)
        implements SlaThresholdReached {}
