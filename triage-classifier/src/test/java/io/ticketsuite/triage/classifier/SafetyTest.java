package io.ticketsuite.triage.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The safety category of the default pack: always P1, overrides other categories on strong evidence. */
class SafetyTest {

    private static final TicketClassifier CLASSIFIER = new TicketClassifier(RulePack.loadDefault());

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Please help | My brother told me tonight he wants to end his life and I do not know who to call",
                "Message from a user | I keep thinking about suicide and your chat bot just says goodbye",
                "Worried about my mum | She has fallen in the kitchen and is unconscious, the carer is on the way",
                "Urgent | My colleague is having a heart attack at the office, we called an ambulance",
                "Help | There is a man outside my flat threatening me, I am in danger right now",
                "Panic button | The panic button on the app did nothing when I pressed it last night",
                "Fall detection | Fall detection on my dad's watch no longer sends alerts to me",
                "SOS | Pressing SOS on the tracker does not notify my emergency contact anymore",
                "Smell in the hallway | I think there is a gas leak next to the boiler room",
                "Personal alarm | Since Monday the personal alarm pendant does not trigger a call",
                "Self-harm content | A student in our school portal posted that they want to self-harm"
            })
    void shouldRecogniseSafetyTicketsAsP1(String subject, String body) {
        Classification c = CLASSIFIER.classify(subject, body, "Free");

        assertThat(c.category()).as(c.explanation().categoryRule()).isEqualTo("safety");
        assertThat(c.priority()).isEqualTo("P1");
        assertThat(c.explanation().priority().categoryFloor()).startsWith("safety at least P1");
        assertThat(c.explanation().priority().rule()).contains("category safety forces at least P1");
    }

    @Test
    void shouldOverrideTechnicalWordsWhenASafetyFeatureFails() {
        Classification c = CLASSIFIER.classify(
                "App crash after update",
                "Since the update the app keeps crashing with an error, and the emergency button does not"
                        + " work any more. The bug also breaks the login screen.",
                null);

        assertThat(c.category()).isEqualTo("safety");
        assertThat(c.priority()).isEqualTo("P1");
        assertThat(c.explanation().scores().get("technical"))
                .isGreaterThan(c.explanation().scores().get("safety"));
        assertThat(c.explanation().override()).isNotNull();
        assertThat(c.explanation().override().category()).isEqualTo("safety");
        assertThat(c.explanation().override().overridden()).isEqualTo("technical");
        assertThat(c.explanation().categoryRule())
                .contains("override threshold")
                .contains("safety overrode technical");
    }

    @Test
    void shouldOverrideBillingWordsWhenSomeoneIsInCrisis() {
        Classification c = CLASSIFIER.classify(
                "Refund for my invoice",
                "You charged my card twice and I want a refund for the invoice. Honestly I am in crisis and"
                        + " have thought about killing myself over these debts.",
                "Starter");

        assertThat(c.category()).isEqualTo("safety");
        assertThat(c.priority()).isEqualTo("P1");
        assertThat(c.explanation().override().overridden()).isEqualTo("billing");
        assertThat(c.explanation().categoryRule()).contains("safety overrode billing");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "This is not an emergency, but the invoice total looks wrong to me.",
                "No one is in danger, the payment page just shows an error.",
                "Not a medical emergency: our clinic wants a copy of last month's invoice.",
                "There was no injury, only the laptop screen broke when it fell off the desk.",
                "Nobody was hurt. Never in danger. The app crashes when I open reports."
            })
    void shouldIgnoreNegatedSafetyWords(String body) {
        Classification c = CLASSIFIER.classify("Question", body, null);

        assertThat(c.category()).as(c.explanation().categoryRule()).isNotEqualTo("safety");
        assertThat(c.priority()).isNotEqualTo("P1");
        assertThat(c.explanation().negatedTerms())
                .anySatisfy(n -> assertThat(n.category()).isEqualTo("safety"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Emergency fix needed: the export button throws an error on every click.",
                "We had a crisis meeting about the invoice layout; please change the logo.",
                "The default firewall rule looks dangerous to our security team.",
                "Safety of our customer data is important, please confirm you encrypt backups."
            })
    void shouldNotLetOneAmbiguousWordOverride(String body) {
        Classification c = CLASSIFIER.classify("Support request", body, null);

        assertThat(c.category()).as(c.explanation().categoryRule()).isNotEqualTo("safety");
        // another category may override (the firewall sentence is a security ticket), safety may not
        Explanation.CategoryOverride override = c.explanation().override();
        assertThat(override == null ? null : override.category()).isNotEqualTo("safety");
    }

    @Test
    void shouldStillWinOnWeakSafetyEvidenceWhenNothingElseMatches() {
        Classification c = CLASSIFIER.classify("Store visit", "There is a hazard on the stairs of your store.", null);

        assertThat(c.category()).isEqualTo("safety");
        assertThat(c.priority()).isEqualTo("P1");
        assertThat(c.explanation().override()).isNull();
        assertThat(c.explanation().categoryRule()).startsWith("highest score: safety");
    }

    @Test
    void shouldRejectAnOverrideOfAnUnknownCategoryAndABadThreshold() {
        String yaml = TestPacks.FRUIT.replace(
                "  tie_precedence: [beta, alpha]\n",
                "  tie_precedence: [beta, alpha]\n  overrides: {gamma: 3, beta: -1}\n");

        assertThatThrownBy(() -> RulePack.parse(yaml))
                .isInstanceOfSatisfying(
                        RulePackException.class,
                        e -> assertThat(e.reasons())
                                .containsExactlyInAnyOrder(
                                        "scoring.overrides.gamma: 'gamma' is not a category",
                                        "scoring.overrides.beta: threshold must be a positive number, got '-1'"));
    }

    @Test
    void shouldLetAnOverrideCategoryWinInATestPack() {
        String yaml = TestPacks.FRUIT.replace(
                "  tie_precedence: [beta, alpha]\n", "  tie_precedence: [beta, alpha]\n  overrides: {beta: 2}\n");
        TicketClassifier classifier = new TicketClassifier(RulePack.parse(yaml));

        Classification c = classifier.classify("apple apple", "apple and one banana", null);

        assertThat(c.category()).isEqualTo("beta");
        assertThat(c.explanation().override().overridden()).isEqualTo("alpha");
        assertThat(c.explanation().override().threshold()).isEqualTo(2.0);
    }
}
