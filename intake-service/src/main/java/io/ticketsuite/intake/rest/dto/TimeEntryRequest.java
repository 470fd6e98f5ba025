package io.ticketsuite.intake.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /api/v1/tickets/{id}/time. */
@Schema(name = "TimeEntryRequest")
public record TimeEntryRequest(
        @NotNull @Min(1) @Max(1440) @Schema(description = "minutes worked, 1 … 1440")
        Integer minutes,

        @Size(max = 1000) String note,

        @Schema(description = "the day the work was done (ISO date); today (UTC) when left out")
        LocalDate date) {}
