package io.ticketsuite.sla.rest.dto;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One pause of a clock. */
public record PauseResponse(
        int cycle,

        @Schema(description = "the status that paused the clock")
        String reason,

        Instant pausedAt,
        @Schema(description = "null while the pause lasts") Instant resumedAt,

        @Schema(description = "working time the pause lasted (ISO-8601), so far while it lasts")
        String pausedTime) {}
