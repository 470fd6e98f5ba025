package io.ticketsuite.sla.rest.dto;

import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** When a ticket of this tier and priority, created then, would be due: per clock, its target and instants. */
public record PreviewResponse(
        CustomerTier tier, Priority priority, Instant createdAt, CalendarResponse calendar, List<PreviewClock> clocks) {

    /** The working-time calendar used. */
    public record CalendarResponse(
            String name,
            String timeZone,

            @Schema(description = "working days, e.g. MONDAY")
            List<String> days,

            @Schema(description = "the daily window on the local wall clock, e.g. 09:00-17:00")
            String hours,

            @Schema(description = "one working day (ISO-8601): what d means in a target")
            String workingDay) {}

    /** One clock: its target (working time) and the instants of its due time and thresholds. */
    public record PreviewClock(
            SlaClock clock,

            @Schema(description = "ISO-8601 duration of working time, e.g. PT16H")
            String target,

            long targetSeconds,
            Instant dueAt,
            List<PreviewThreshold> thresholds) {}

    public record PreviewThreshold(
            int percent,

            @Schema(description = "sla.warning, sla.breached or sla.escalated")
            String event,

            Instant fireAt) {}
}
