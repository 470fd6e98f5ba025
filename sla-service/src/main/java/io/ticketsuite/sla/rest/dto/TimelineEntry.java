package io.ticketsuite.sla.rest.dto;

import io.ticketsuite.events.SlaClock;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One step of a ticket's SLA history. */
public record TimelineEntry(
        Instant at,

        @Schema(description = "started, restarted, paused, resumed, sla.warning, sla.breached, sla.escalated or met")
        String event,

        SlaClock clock,
        int cycle,

        @Schema(description = "the threshold's percent for a fired threshold")
        Integer percent,

        @Schema(description = "the pausing status, the paused working time, or whether a met clock was within target")
        String detail) {}
