package io.ticketsuite.intake.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of POST /api/v1/tickets/{id}/escalate. */
public record EscalateRequest(@NotBlank @Size(max = 1000) String reason) {}
