package io.ticketsuite.sla.rest.dto;

import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketStatus;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The SLA of one ticket: its clocks, or why they have not started yet. */
public record SlaResponse(
        UUID ticketId,

        @Schema(description = "the priority the running clocks use; null until triaged")
        Priority priority,

        CustomerTier customerTier,
        @Schema(description = "last status sla-service saw") TicketStatus status,
        String assigneeId,
        String teamId,
        String teamLeadId,

        @Schema(description = "why the clocks have not started (null once they have)")
        String waitingFor,

        @Schema(description = "the working-time calendar of the ticket's tier (null until the tier is known)")
        String calendar,

        @Schema(description = "the calendar's time zone: the customer's, else the calendar's configured one")
        String timeZone,

        List<ClockResponse> clocks,

        @Schema(description = "what happened to the clocks, in order: started, paused, resumed, thresholds fired, met")
        List<TimelineEntry> timeline) {}
