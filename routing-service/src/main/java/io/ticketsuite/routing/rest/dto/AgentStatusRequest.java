package io.ticketsuite.routing.rest.dto;

import io.ticketsuite.routing.AgentStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agent's availability and, optionally, a new capacity (most open tickets). */
public record AgentStatusRequest(
        @NotNull @Schema(examples = "OFFLINE") AgentStatus status,
        @Min(1) @Max(500) @Schema(examples = "20") Integer capacity) {}
