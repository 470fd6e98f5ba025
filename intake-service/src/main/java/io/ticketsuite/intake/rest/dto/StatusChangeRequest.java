package io.ticketsuite.intake.rest.dto;

import io.ticketsuite.events.TicketStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /api/v1/tickets/{id}/status. */
public record StatusChangeRequest(
        @NotNull TicketStatus status,
        @Size(max = 1000) String reason,

        @Valid
        @Schema(
                description = "Required to move to RESOLVED: category (one of intake.resolution-categories) and"
                        + " summary; an ESCALATION also needs lessons_learned")
        Resolution resolution,

        @Schema(description = "Required to move a SUPPORT ticket to SCHEDULED: the planned date (ISO, e.g. 2026-12-01)")
        LocalDate scheduledFor,

        @Min(1)
        @Max(100_000)
        @Schema(description = "Required to move a SUPPORT ticket to SCHEDULED: the estimate, in minutes")
        Integer estimateMinutes) {

    /** A move that needs no resolution or schedule. */
    public StatusChangeRequest(TicketStatus status, String reason) {
        this(status, reason, null, null, null);
    }

    /** How the ticket was resolved. */
    @Schema(name = "ResolutionRequest")
    public record Resolution(
            @Size(max = 50) String category,
            @Size(max = 5000) String summary,
            @Size(max = 5000) String lessonsLearned) {}
}
