package io.ticketsuite.triage.rest.dto;

import java.time.Instant;
import java.util.UUID;

/** One correction of a ticket's triage by a person: from, to, why, who and when. */
public record CorrectionResponse(
        UUID correctionId,
        UUID ticketId,
        String previousCategory,
        String category,
        String previousPriority,
        String priority,
        String reason,
        String correctedBy,
        Instant correctedAt) {}
