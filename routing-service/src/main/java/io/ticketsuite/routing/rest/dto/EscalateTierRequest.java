package io.ticketsuite.routing.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why the ticket needs the next tier. */
public record EscalateTierRequest(
        @NotBlank @Size(max = 1000) @Schema(examples = "Reproduced; needs a database fix beyond Tier 1")
        String reason) {}
