package io.ticketsuite.triage.rest.dto;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The stored decision of one ticket. */
public record TriageDecisionResponse(
        UUID ticketId,
        String category,
        String priority,
        double confidence,
        Map<String, Object> explanation,
        String rulePackVersion,
        String customerTier,
        Instant decidedAt,
        UUID sourceEventId) {}
