package io.ticketsuite.triage.classifier;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Small hand-written rule packs for tests that need exact, stable weights. */
final class TestPacks {

    private TestPacks() {}

    /** Two fruit categories of equal weight, precedence beta before alpha, subject weight 2. */
    static final String FRUIT = """
            version: "test-7"
            scoring:
              subject_weight: 2.0
              repeat_weight: 0.5
              max_repeats: 3
              evidence_scale: 2.0
              min_confidence: 0.2
              fallback_category: general
              tie_precedence: [beta, alpha]
            negation:
              cues: [not, "no"]
              window: 3
              scope_breakers: [able]
              suppressors: [could]
            categories:
              alpha:
                terms: {apple: 2}
                phrases: {green apple pie: 5}
              beta:
                terms: {banana: 2}
            priority:
              default_urgency: MEDIUM
              default_impact: MEDIUM
              matrix:
                HIGH:   {HIGH: P1, MEDIUM: P2, LOW: P3}
                MEDIUM: {HIGH: P2, MEDIUM: P3, LOW: P4}
                LOW:    {HIGH: P3, MEDIUM: P4, LOW: P4}
              tiers: {enterprise: 1, free: -1}
              urgency:
                HIGH: [urgent]
                LOW: [whenever]
              impact:
                HIGH: [everyone]
                LOW: [only me]
              security:
                signals: [breach]
                floor: P2
                escalate_to: P1
            """;

    static RulePack load(String yaml) {
        return RulePack.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    static RulePack fruit() {
        return load(FRUIT);
    }
}
