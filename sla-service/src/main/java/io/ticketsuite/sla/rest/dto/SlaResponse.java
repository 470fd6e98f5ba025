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

        List<ClockResponse> clocks) {}
