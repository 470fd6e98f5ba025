package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code issue.recurring-detected} on triage-events: the same issue appeared in several tickets. Published when a
 * cluster of similar tickets reaches one of the configured sizes (3, 5, 10, 20, … by default), so the same cluster
 * may be announced more than once as it grows: consumers that must act once per cluster dedupe on {@code clusterId}.
 *
 * @param ticketId the ticket whose arrival made the cluster reach this size
 * @param signature a short, stable label of the cluster (its strongest shared terms)
 * @param relatedTicketIds every member ticket of the cluster, the triggering one included
 * @param count the cluster size at this publication
 * @param clusterId the cluster (optional for older events)
 * @param category the category of the cluster's tickets (the most frequent one; optional)
 * @param sharedTerms the analysed terms the member tickets share, the reason they are similar (optional)
 */
public record IssueRecurringDetected(
        @JsonProperty(required = true) UUID ticketId,
        @JsonProperty(required = true) String signature,
        List<UUID> relatedTicketIds,
        int count,
        @JsonProperty(required = true) Instant detectedAt,
        UUID clusterId,
        String category,
        List<String> sharedTerms)
        implements EventData {

    /** The event before clusters were named (no cluster id, category or shared terms). */
    public IssueRecurringDetected(
            UUID ticketId, String signature, List<UUID> relatedTicketIds, int count, Instant detectedAt) {
        this(ticketId, signature, relatedTicketIds, count, detectedAt, null, null, null);
    }
}
