package io.ticketsuite.intake.rest.dto;

import io.ticketsuite.events.TicketStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of POST /api/v1/tickets/{id}/status. */
public record StatusChangeRequest(
        @NotNull TicketStatus status, @Size(max = 1000) String reason) {}
