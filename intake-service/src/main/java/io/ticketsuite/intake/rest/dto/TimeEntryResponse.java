package io.ticketsuite.intake.rest.dto;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A time entry, with the ticket's new total. */
@Schema(name = "TimeEntry")
public record TimeEntryResponse(
        UUID id,
        UUID ticketId,
        int minutes,
        String note,
        LocalDate date,
        String loggedBy,
        Instant loggedAt,

        @Schema(description = "the ticket's total time logged after this entry, minutes")
        int ticketTotalMinutes) {}
