package io.ticketsuite.triage.classifier;

import java.util.Objects;

/**
 * Result of classifying one ticket.
 *
 * @param category one of the rule pack's categories, or its fallback category ({@code general})
 * @param priority {@code P1} (critical) .. {@code P4} (low)
 * @param confidence in [0, 1]: for a category, evidence strength &times; (1 + margin) / 2; for the
 *     fallback category, 1 minus that value of the best category (see README)
 * @param explanation plain data saying why
 */
public record Classification(String category, String priority, double confidence, Explanation explanation) {

    public Classification {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(explanation, "explanation");
        if (Double.isNaN(confidence) || confidence < 0.0 || confidence > 1.0) {
            throw new IllegalArgumentException("confidence must be in [0,1]: " + confidence);
        }
    }
}
