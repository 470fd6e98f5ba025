package io.ticketsuite.routing.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Move a ticket to an agent (their team follows) or to a team (an agent of it is chosen); one of them is required. */
public record ReassignRequest(
        @Size(max = 100) @Schema(examples = "agent-eng-tier1-2")
        String agentId,

        @Size(max = 100) @Schema(examples = "eng-tier2") String teamId,

        @NotBlank @Size(max = 1000) @Schema(examples = "Liam is out this afternoon; Chloé knows this customer")
        String reason) {}
