package io.ticketsuite.triage.rest.dto;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The stored decision of one ticket: the classifier's decision as it was made, the people's corrections (oldest
 * first) and the category and priority in force (the last correction's, or the classifier's).
 */
public record TriageDecisionResponse(
        UUID ticketId,
        String category,
        String priority,
        double confidence,
        Map<String, Object> explanation,
        String rulePackVersion,
        String customerTier,
        Instant decidedAt,
        UUID sourceEventId,
        String currentCategory,
        String currentPriority,
        List<CorrectionResponse> corrections) {}
