package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code ticket.reclassified} on triage-events: a person changed the category and/or priority after the first
 * triage. {@code category} and {@code priority} are the values in force afterwards (unchanged ones repeated).
 *
 * @param reclassifiedBy the staff principal (token subject) who made the correction (optional for older events)
 */
public record TicketReclassified(
        @JsonProperty(required = true) UUID ticketId,
        String previousCategory,
        @JsonProperty(required = true) String category,
        Priority previousPriority,
        @JsonProperty(required = true) Priority priority,
        String reason,
        @JsonProperty(required = true) Instant reclassifiedAt,
        String reclassifiedBy)
        implements EventData {

    /** The event before the corrector was named. */
    public TicketReclassified(
            UUID ticketId,
            String previousCategory,
            String category,
            Priority previousPriority,
            Priority priority,
            String reason,
            Instant reclassifiedAt) {
        this(ticketId, previousCategory, category, previousPriority, priority, reason, reclassifiedAt, null);
    }
}
