package io.ticketsuite.sla.rest.dto;

import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One clock: its target, due instant, progress and the thresholds it reached. */
public record ClockResponse(
        SlaClock clock,

        @Schema(description = "RUNNING, PAUSED, MET, or BREACHED (running past its due instant)")
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

        @Schema(description = "working time used in percent of the target, pauses excluded (at met_at once met)")
        double elapsedPercent,

        @Schema(description = "start of the open pause; null while the clock runs")
        Instant pausedAt,

        @Schema(description = "working time the clock was paused in this cycle (ISO-8601), the open pause included")
        String pausedTime,

        long pausedSeconds,

        @Schema(description = "the pauses of this clock, every cycle")
        List<PauseResponse> pauses,

        List<ThresholdResponse> thresholds) {}
