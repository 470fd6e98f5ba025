package io.ticketsuite.sla.rest.dto;

import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One clock: its target, due instant, progress and the thresholds it reached. */
public record ClockResponse(
        SlaClock clock,

        @Schema(description = "RUNNING, MET, or BREACHED (running past its due instant)")
        String state,

        Priority priority,

        @Schema(description = "1, or more once a reopened ticket restarted the clock")
        int cycle,

        @Schema(description = "ISO-8601 duration, e.g. PT15M")
        String target,

        long targetSeconds,
        Instant startedAt,
        Instant dueAt,
        Instant metAt,
        Boolean withinTarget,

        @Schema(description = "SLA time used in percent of the target (at met_at once met)")
        double elapsedPercent,

        List<ThresholdResponse> thresholds) {}
