package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code issue.recurring-detected} on triage-events: the same issue appeared in several tickets. */
public record IssueRecurringDetected(
        @JsonProperty(required = true) UUID ticketId,
        @JsonProperty(required = true) String signature,
        List<UUID> relatedTicketIds,
        int count,
        @JsonProperty(required = true) Instant detectedAt)
        implements EventData {}
