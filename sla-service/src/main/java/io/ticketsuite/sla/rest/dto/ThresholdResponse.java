package io.ticketsuite.sla.rest.dto;

import io.ticketsuite.sla.ThresholdState;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One threshold of a clock run: when it is (or was) due, and whether it fired. */
public record ThresholdResponse(
        int percent,

        @Schema(description = "sla.warning, sla.breached or sla.escalated")
        String event,

        int cycle,
        Instant fireAt,
        Instant firedAt,
        ThresholdState state) {}
