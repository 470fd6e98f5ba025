package io.ticketsuite.triage.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** priority.category_floors of the default pack: security at least P2, P1 on breach/exposure evidence. */
class SecurityFloorTest {

    private static final TicketClassifier CLASSIFIER = new TicketClassifier(RulePack.loadDefault());

    @ParameterizedTest(name = "tier {0}")
    @CsvSource(
            value = {"Free", "Starter", "NULL"},
            nullValues = "NULL")
    void shouldKeepASecurityTicketWithoutUrgencyAtLeastP2(String tier) {
        Classification c = CLASSIFIER.classify(
                "Security questionnaire",
                "No rush: our auditors would like your penetration test summary and firewall policy.",
                tier);

        assertThat(c.category()).isEqualTo("security");
        assertThat(c.explanation().priority().matrixPriority()).isEqualTo("P4");
        assertThat(c.priority()).isEqualTo("P2");
        assertThat(c.explanation().priority().rule()).endsWith("category security forces at least P2");
        assertThat(c.explanation().priority().categoryFloor())
                .isEqualTo("security at least P2, P1 on escalation evidence");
    }

    @Test
    void shouldMakeASecurityTicketWithExposureEvidenceP1() {
        Classification c = CLASSIFIER.classify(
                "Customer list visible to outsiders",
                "A shared folder with our client contracts was publicly accessible for two days; the firewall"
                        + " logs show downloads from unknown addresses.",
                "Free");

        assertThat(c.category()).isEqualTo("security");
        assertThat(c.priority()).isEqualTo("P1");
        assertThat(c.explanation().priority().floorSignals())
                .anySatisfy(s -> assertThat(s.signal()).isEqualTo("publicly accessible"));
        assertThat(c.explanation().priority().rule())
                .contains("category security with 'publicly accessible' escalates to P1");
    }

    @Test
    void shouldMakeASuspectedBreachP1EvenWithoutUrgencyWords() {
        Classification c =
                CLASSIFIER.classify("Possible breach", "We think our admin account was hacked yesterday.", null);

        assertThat(c.category()).isEqualTo("security");
        assertThat(c.priority()).isEqualTo("P1");
    }

    @Test
    void shouldNotEscalateOnNegatedExposure() {
        Classification c = CLASSIFIER.classify(
                "Firewall review",
                "Nothing was leaked and no data exposed. Please review the firewall rules and encryption settings.",
                null);

        assertThat(c.category()).isEqualTo("security");
        assertThat(c.priority()).isEqualTo("P2");
        assertThat(c.explanation().priority().floorSignals()).isEmpty();
    }

    @Test
    void shouldNotApplyTheSecurityFloorToOtherCategories() {
        Classification c =
                CLASSIFIER.classify("Invoice copy", "No rush, could you send a copy of the March invoice?", "Free");

        assertThat(c.category()).isEqualTo("billing");
        assertThat(c.priority()).isEqualTo("P4");
        assertThat(c.explanation().priority().categoryFloor()).isNull();
    }

    @Test
    void shouldRejectBadCategoryFloors() {
        String yaml = TestPacks.FRUIT.replace(
                "  security:\n    signals: [breach]",
                "  category_floors:\n"
                        + "    gamma: {floor: P1}\n"
                        + "    alpha: {floor: P2, escalate_to: P3, escalate_on: [rotten]}\n"
                        + "    beta: {floor: P2, escalate_to: P1}\n"
                        + "  security:\n    signals: [breach]");

        assertThatThrownBy(() -> RulePack.parse(yaml))
                .isInstanceOfSatisfying(
                        RulePackException.class,
                        e -> assertThat(e.reasons())
                                .containsExactlyInAnyOrder(
                                        "priority.category_floors.gamma: 'gamma' is not a category",
                                        "priority.category_floors.alpha.escalate_to: P3 must be at least as urgent as floor P2",
                                        "priority.category_floors.beta.escalate_on: missing (a list of words)"));
    }

    @Test
    void shouldApplyACategoryFloorOfATestPack() {
        String yaml = TestPacks.FRUIT.replace(
                "  security:\n    signals: [breach]",
                "  category_floors:\n    alpha: {floor: P2, escalate_to: P1, escalate_on: [rotten]}\n"
                        + "  security:\n    signals: [breach]");
        TicketClassifier classifier = new TicketClassifier(RulePack.parse(yaml));

        assertThat(classifier.classify("apple", "whenever", null).priority()).isEqualTo("P2");
        assertThat(classifier.classify("apple", "a rotten one, whenever", null).priority())
                .isEqualTo("P1");
        assertThat(classifier.classify("apple", "not rotten, whenever", null).priority())
                .isEqualTo("P2");
        assertThat(classifier.classify("banana", "a rotten one, whenever", null).priority())
                .isEqualTo("P4");
    }
}
