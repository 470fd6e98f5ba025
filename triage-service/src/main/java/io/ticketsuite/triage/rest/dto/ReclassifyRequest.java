package io.ticketsuite.triage.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A person's correction of a ticket's category and/or priority, with the reason. */
@Schema(description = "At least one of category and priority; the reason is required")
public record ReclassifyRequest(
        @Schema(description = "a category of the rule pack in force (any case)", examples = "billing")
        String category,

        @Schema(description = "P1, P2, P3 or P4 (any case)", examples = "P2")
        String priority,

        @Schema(
                description = "why the machine was wrong (1 … 2000 characters)",
                examples = "Customer asks about a refund, not a bug")
        String reason) {}
