package io.ticketsuite.triage.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.triage.classifier.Explanation.PriorityExplanation;
import io.ticketsuite.triage.classifier.Explanation.SignalMatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriorityTest {

    private static final TicketClassifier CLASSIFIER = new TicketClassifier(RulePack.loadDefault());

    private static final String NEUTRAL = "About the export screen.";

    private static String urgencyText(String level) {
        return switch (level) {
            case "HIGH" -> " This is urgent.";
            case "LOW" -> " No rush on this one.";
            default -> "";
        };
    }

    private static String impactText(String level) {
        return switch (level) {
            case "HIGH" -> " It affects all users.";
            case "LOW" -> " It affects only me.";
            default -> "";
        };
    }

    @ParameterizedTest(name = "urgency {0} x impact {1} -> {2}")
    @CsvSource({
        "HIGH,   HIGH,   P1",
        "HIGH,   MEDIUM, P2",
        "HIGH,   LOW,    P3",
        "MEDIUM, HIGH,   P2",
        "MEDIUM, MEDIUM, P3",
        "MEDIUM, LOW,    P4",
        "LOW,    HIGH,   P3",
        "LOW,    MEDIUM, P4",
        "LOW,    LOW,    P4"
    })
    void shouldApplyPriorityMatrixCellByCell(String urgency, String impact, String expected) {
        Classification c =
                CLASSIFIER.classify("Export screen", NEUTRAL + urgencyText(urgency) + impactText(impact), null);
        PriorityExplanation p = c.explanation().priority();

        assertThat(p.urgency()).isEqualTo(urgency);
        assertThat(p.impact()).isEqualTo(impact);
        assertThat(p.matrixPriority()).isEqualTo(expected);
        assertThat(c.priority()).isEqualTo(expected);
        assertThat(p.rule()).startsWith("matrix urgency " + urgency + " x impact " + impact + " -> " + expected);
    }

    @Test
    void shouldTakeUrgencyAndImpactFromAMonitoringAlertsTagsAndExplainThem() {
        Classification plain = CLASSIFIER.classify("Checkout error rate above 5%", "5xx ratio 7% for 10 min", null);
        Classification tagged = CLASSIFIER.classify(
                "Checkout error rate above 5%",
                "5xx ratio 7% for 10 min",
                null,
                java.util.List.of("alert", "urgency:high", "IMPACT:High", "severity=critical"));
        PriorityExplanation p = tagged.explanation().priority();

        assertThat(plain.priority()).isNotEqualTo("P1");
        assertThat(p.urgency()).isEqualTo("HIGH");
        assertThat(p.impact()).isEqualTo("HIGH");
        assertThat(tagged.priority()).isEqualTo("P1");
        assertThat(p.urgencySignals()).contains(new SignalMatch("urgency:high", "HIGH", "tags", "urgency:high"));
        assertThat(p.impactSignals()).contains(new SignalMatch("IMPACT:High", "HIGH", "tags", "IMPACT:High"));
    }

    @Test
    void shouldKeepTheHigherOfTextAndTagAndIgnoreOtherTags() {
        Classification c = CLASSIFIER.classify(
                "Export screen",
                NEUTRAL + urgencyText("HIGH") + impactText("HIGH"),
                null,
                java.util.List.of("urgency:low", "impact:sideways", "vip"));
        PriorityExplanation p = c.explanation().priority();

        assertThat(p.urgency()).isEqualTo("HIGH");
        assertThat(p.impact()).isEqualTo("HIGH");
        assertThat(c.priority()).isEqualTo("P1");
        assertThat(p.impactSignals()).noneMatch(s -> s.field().equals("tags"));
    }

    @Test
    void shouldUseMediumTimesMediumWhenNoSignalIsPresent() {
        Classification c = CLASSIFIER.classify("Export screen", NEUTRAL, null);

        assertThat(c.explanation().priority().urgencySignals()).isEmpty();
        assertThat(c.explanation().priority().impactSignals()).isEmpty();
        assertThat(c.priority()).isEqualTo("P3");
    }

    @Test
    void shouldLetTheHighestUrgencySignalWin() {
        Classification c = CLASSIFIER.classify("Export", "No rush in general, but this is urgent now.", null);

        assertThat(c.explanation().priority().urgency()).isEqualTo("HIGH");
        assertThat(c.explanation().priority().urgencySignals())
                .extracting(SignalMatch::level)
                .contains("HIGH", "LOW");
    }

    @Test
    void shouldIgnoreNegatedUrgency() {
        Classification notUrgent = CLASSIFIER.classify("Export", "This is not urgent at all.", null);
        Classification noDataLoss =
                CLASSIFIER.classify("Export", "The export was slow but there was no data loss.", null);

        assertThat(notUrgent.explanation().priority().urgency()).isEqualTo("LOW");
        assertThat(notUrgent.priority()).isEqualTo("P4");
        assertThat(noDataLoss.explanation().priority().impact()).isEqualTo("MEDIUM");
        assertThat(noDataLoss.explanation().negatedTerms())
                .anySatisfy(n -> assertThat(n.term()).isEqualTo("data loss"));
    }

    // ---- security floor -----------------------------------------------------------------------

    @Test
    void shouldForceAtLeastP2ForSecurityTermsWhateverTheCategory() {
        Classification c = CLASSIFIER.classify(
                "Refund for a duplicate charge",
                "I was charged twice on my invoice and want a refund. The payment reminder email looked like phishing.",
                null);
        PriorityExplanation p = c.explanation().priority();

        assertThat(c.category()).isEqualTo("billing");
        assertThat(p.matrixPriority()).isEqualTo("P3");
        assertThat(c.priority()).isEqualTo("P2");
        assertThat(p.securitySignals()).extracting(SignalMatch::signal).contains("phishing");
        assertThat(p.rule()).contains("security signal 'phishing' forces at least P2");
    }

    @Test
    void shouldForceP2EvenWhenTheMatrixSaysP4() {
        Classification c = CLASSIFIER.classify("Phishing", "No rush, but staff got a phishing mail.", "Free");

        assertThat(c.explanation().priority().matrixPriority()).isEqualTo("P4");
        assertThat(c.priority()).isEqualTo("P2");
    }

    @Test
    void shouldEscalateBreachWithExposedDataToP1() {
        Classification c = CLASSIFIER.classify(
                "Breach", "There was a breach last night and customer data exposed on a public page.", null);
        PriorityExplanation p = c.explanation().priority();

        assertThat(p.impact()).isEqualTo("HIGH");
        assertThat(p.matrixPriority()).isEqualTo("P2");
        assertThat(c.priority()).isEqualTo("P1");
        assertThat(p.rule()).contains("with HIGH impact escalates to P1");
    }

    @Test
    void shouldEscalateUrgentBreachToP1() {
        Classification c = CLASSIFIER.classify("Hacked", "Our admin account was hacked, please help urgently.", null);

        assertThat(c.explanation().priority().urgency()).isEqualTo("HIGH");
        assertThat(c.priority()).isEqualTo("P1");
    }

    @Test
    void shouldNotForceSecurityFloorForNegatedBreach() {
        Classification c = CLASSIFIER.classify("Export", "This is not a breach, the export button is grey.", null);

        assertThat(c.explanation().priority().securitySignals()).isEmpty();
        assertThat(c.priority()).isEqualTo("P3");
    }

    // ---- customer tier ----------------------------------------------------------------------

    @ParameterizedTest(name = "tier {0} -> impact {1}, {2}")
    @CsvSource({
        "Enterprise,   HIGH,   P2, 1",
        "enterprise,   HIGH,   P2, 1",
        "Professional, MEDIUM, P3, 0",
        "Starter,      MEDIUM, P3, 0",
        "Free,         LOW,    P4, -1",
        "Platinum,     MEDIUM, P3, 0"
    })
    void shouldAdjustImpactByCustomerTier(String tier, String impact, String priority, int adjustment) {
        Classification c = CLASSIFIER.classify("Export screen", NEUTRAL, tier);

        assertThat(c.explanation().priority().customerTier()).isEqualTo(tier);
        assertThat(c.explanation().priority().tierAdjustment()).isEqualTo(adjustment);
        assertThat(c.explanation().priority().impactFromText()).isEqualTo("MEDIUM");
        assertThat(c.explanation().priority().impact()).isEqualTo(impact);
        assertThat(c.priority()).isEqualTo(priority);
    }

    @Test
    void shouldClampTierAdjustmentAtHigh() {
        Classification c =
                CLASSIFIER.classify("Export", NEUTRAL + " This is urgent. It affects all users.", "Enterprise");

        assertThat(c.explanation().priority().impact()).isEqualTo("HIGH");
        assertThat(c.priority()).isEqualTo("P1");
        assertThat(c.explanation().priority().rule()).contains("raised by tier Enterprise");
    }

    @Test
    void shouldMakeEnterpriseBreachP1() {
        Classification c = CLASSIFIER.classify("Breach", "We suspect a breach.", "Enterprise");

        assertThat(c.priority()).isEqualTo("P1");
    }
}
