package io.ticketsuite.triage.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ticketsuite.triage.classifier.RulePack;
import io.ticketsuite.triage.rest.dto.RulePackResponse;
import io.ticketsuite.triage.rest.dto.RulePackResponse.CategorySummary;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** The summary of GET /api/v1/rules, from a small pack written here. */
class RulePackSummariesTest {
    private static final String PACK = """
            version: "9.9.9-test"
            description: tiny test pack
            analysis:
              stem_exclusions: []
            scoring:
              subject_weight: 2
              repeat_weight: 0.25
              max_repeats: 3
              evidence_scale: 3
              min_confidence: 0.3
              fallback_category: general
              tie_precedence: [billing, technical, general]
            negation:
              cues: [not]
              window: 3
              scope_breakers: [able]
              suppressors: [could]
            categories:
              billing:
                description: money
                terms: {refund: 4, charge: 3, bill: 1}
                phrases: {charged twice: 5}
              technical:
                terms: {crash: 3, error: 2}
              general:
                terms: {shipping: 3}
            priority:
              default_urgency: MEDIUM
              default_impact: MEDIUM
              matrix:
                HIGH:   {HIGH: P1, MEDIUM: P2, LOW: P3}
                MEDIUM: {HIGH: P2, MEDIUM: P3, LOW: P4}
                LOW:    {HIGH: P3, MEDIUM: P4, LOW: P4}
              tiers: {enterprise: 1, free: -1}
              urgency:
                HIGH: [urgent, asap]
                LOW: [whenever]
              impact:
                HIGH: [everyone]
              security:
                signals: [breach]
                floor: P2
                escalate_to: P1
            """;

    @Test
    void shouldListEveryCategoryWithItsTermsHeaviestFirst() throws Exception {
        RulePackResponse summary = summarise();

        assertThat(summary.version()).isEqualTo("9.9.9-test");
        assertThat(summary.description()).isEqualTo("tiny test pack");
        assertThat(summary.source()).isEqualTo("test");
        assertThat(summary.subjectWeight()).isEqualTo(2.0);
        assertThat(summary.categories())
                .extracting(CategorySummary::name)
                .containsExactly("billing", "technical", "general");
        CategorySummary billing = summary.categories().get(0);
        assertThat(billing.description()).isEqualTo("money");
        assertThat(billing.termCount()).isEqualTo(3);
        assertThat(billing.phraseCount()).isEqualTo(1);
        assertThat(new ArrayList<>(billing.terms().keySet())).containsExactly("refund", "charge", "bill");
        assertThat(billing.phrases()).containsEntry("charged twice", 5.0);
        assertThat(summary.categories().get(1).description()).isNull();
    }

    @Test
    void shouldSummariseThePriorityRules() throws Exception {
        RulePackResponse.PrioritySummary priority = summarise().priority();

        assertThat(priority.defaultUrgency()).isEqualTo("MEDIUM");
        assertThat(priority.matrix().get("HIGH")).containsEntry("MEDIUM", "P2");
        assertThat(priority.tiers()).containsEntry("enterprise", 1).containsEntry("free", -1);
        assertThat(priority.urgencySignals()).containsEntry("HIGH", 2).containsEntry("LOW", 1);
        assertThat(priority.impactSignals()).containsEntry("HIGH", 1);
        assertThat(priority.securitySignals()).isEqualTo(1);
        assertThat(priority.securityFloor()).isEqualTo("P2");
        assertThat(priority.securityEscalation()).isEqualTo("P1");
    }

    private static RulePackResponse summarise() throws Exception {
        byte[] yaml = PACK.getBytes(StandardCharsets.UTF_8);
        RulePack pack = RulePack.load(new ByteArrayInputStream(yaml));
        JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        return RulePackSummaries.summarise(pack, tree, "test");
    }
}
