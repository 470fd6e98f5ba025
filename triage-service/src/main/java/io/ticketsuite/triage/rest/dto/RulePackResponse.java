package io.ticketsuite.triage.rest.dto;

import java.util.List;
import java.util.Map;

/** A summary of the active rule pack: its version, categories with their weighted terms, and priority rules. */
public record RulePackResponse(
        String version,
        String description,
        String source,
        String fallbackCategory,
        List<String> tiePrecedence,
        double minConfidence,
        double subjectWeight,
        int categoryEntries,
        int signalEntries,
        List<CategorySummary> categories,
        PrioritySummary priority) {

    /** One category: how many terms and phrases it has, and each with its weight (heaviest first). */
    public record CategorySummary(
            String name,
            String description,
            int termCount,
            int phraseCount,
            Map<String, Double> terms,
            Map<String, Double> phrases) {}

    /** How priority is decided: defaults, the urgency × impact matrix, tier steps and signal counts. */
    public record PrioritySummary(
            String defaultUrgency,
            String defaultImpact,
            Map<String, Map<String, String>> matrix,
            Map<String, Integer> tiers,
            Map<String, Integer> urgencySignals,
            Map<String, Integer> impactSignals,
            int securitySignals,
            String securityFloor,
            String securityEscalation) {}
}
