package io.ticketsuite.triage.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.triage.classifier.Explanation.NegatedTerm;
import io.ticketsuite.triage.classifier.Explanation.TermMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TicketClassifierTest {

    private static final TicketClassifier CLASSIFIER = new TicketClassifier(RulePack.loadDefault());

    private static Classification classify(String subject, String body) {
        return CLASSIFIER.classify(subject, body, null);
    }

    // ---- one hand-written ticket per category ------------------------------------------------

    @Test
    void shouldClassifyDoubleChargeAsBilling() {
        Classification c = classify(
                "Charged twice for March",
                "Hi, my credit card was charged two times for the same subscription. Please refund one of them.");

        assertThat(c.category()).isEqualTo("billing");
        assertThat(c.confidence()).isGreaterThan(0.6);
    }

    @Test
    void shouldClassifyAppCrashAsTechnical() {
        Classification c = classify(
                "App crashes when I open a report",
                "Every time I click a report the desktop app freezes and then crashes with an error.");

        assertThat(c.category()).isEqualTo("technical");
    }

    @Test
    void shouldClassifyLockoutAsAccount() {
        Classification c = classify(
                "Locked out after password reset",
                "I reset my password this morning and now I can't sign in at all; the username is correct.");

        assertThat(c.category()).isEqualTo("account");
    }

    @Test
    void shouldClassifyFeatureRequestAsFeature() {
        Classification c = classify(
                "Feature request: dark mode",
                "It would be great to have a dark theme for the editor. Is it possible to add this?");

        assertThat(c.category()).isEqualTo("feature");
    }

    @Test
    void shouldClassifyWebhookFailureAsIntegration() {
        Classification c = classify(
                "Webhook stopped firing",
                "Our endpoint no longer gets webhook events and the REST API returns 401 for our key.");

        assertThat(c.category()).isEqualTo("integration");
    }

    @Test
    void shouldClassifySuspectedBreachAsSecurity() {
        Classification c = classify(
                "Possible breach of our workspace",
                "We saw an unauthorized login from another country and think our admin account was hacked.");

        assertThat(c.category()).isEqualTo("security");
    }

    @Test
    void shouldClassifyOrderQuestionAsGeneralThroughItsOwnTerms() {
        Classification c = classify(
                "Where is my order?",
                "The shipment tracking page has not changed for a week, can you check the delivery?");

        assertThat(c.category()).isEqualTo("general");
        assertThat(c.explanation().matchedTerms())
                .extracting(TermMatch::category)
                .contains("general");
    }

    // ---- general when nothing matches well enough --------------------------------------------

    @Test
    void shouldReturnGeneralWhenNothingMatches() {
        Classification c = classify("Hello there", "Thanks for the call yesterday, talk soon.");

        assertThat(c.category()).isEqualTo("general");
        assertThat(c.confidence()).isEqualTo(1.0);
        assertThat(c.explanation().matchedTerms()).isEmpty();
        assertThat(c.explanation().categoryRule()).startsWith("no category term matched");
        assertThat(c.explanation().scores().values()).containsOnly(0.0);
    }

    @Test
    void shouldReturnGeneralWhenEvidenceIsTooWeak() {
        Classification c = classify("Quick note", "There is a small issue with the colour of the logo.");

        assertThat(c.explanation().scores().get("technical")).isPositive();
        assertThat(c.category()).isEqualTo("general");
        assertThat(c.explanation().categoryRule()).contains("< min_confidence");
        assertThat(c.confidence()).isGreaterThan(1.0 - CLASSIFIER.rulePack().minConfidence());
    }

    @Test
    void shouldHandleMissingSubjectAndBody() {
        Classification c = CLASSIFIER.classify(null, null, null);

        assertThat(c.category()).isEqualTo("general");
        assertThat(c.priority()).isEqualTo("P3");
    }

    // ---- negation ------------------------------------------------------------------------------

    @Test
    void shouldSkipNegatedBillingAndClassifyCrashAsTechnical() {
        Classification c = classify("", "this is not a billing question, the app crashes");

        assertThat(c.category()).isEqualTo("technical");
        assertThat(c.explanation().scores().get("billing")).isZero();
        assertThat(c.explanation().negatedTerms())
                .extracting(NegatedTerm::category, NegatedTerm::matchedText, NegatedTerm::cue)
                .contains(org.assertj.core.groups.Tuple.tuple("billing", "billing", "not"));
    }

    @Test
    void shouldEndNegationAtClauseBoundary() {
        Classification c = classify("", "No worries. The invoice total is wrong.");

        assertThat(c.explanation().negatedTerms()).isEmpty();
        assertThat(c.category()).isEqualTo("billing");
    }

    @Test
    void shouldNotTreatFailureReportsAsNegation() {
        Classification couldNot = classify("", "I could not log in to my account today.");
        Classification notAble = classify("", "I'm not able to log in to my account today.");

        assertThat(couldNot.category()).isEqualTo("account");
        assertThat(couldNot.explanation().negatedTerms()).isEmpty();
        assertThat(notAble.category()).isEqualTo("account");
        assertThat(notAble.explanation().negatedTerms()).isEmpty();
    }

    @Test
    void shouldCountPhraseThatStartsWithNegationCue() {
        Classification c = classify("", "We have no access to the workspace since this morning.");

        assertThat(c.explanation().matchedTerms()).extracting(TermMatch::term).contains("no access");
        assertThat(c.category()).isEqualTo("account");
    }

    // ---- tie rule and subject weighting (exact weights from a test pack) -----------------------

    @Test
    void shouldBreakTieByPackPrecedence() {
        TicketClassifier fruit = new TicketClassifier(TestPacks.fruit());

        Classification c = fruit.classify("", "apple and banana", null);

        assertThat(c.explanation().scores()).containsEntry("alpha", 2.0).containsEntry("beta", 2.0);
        assertThat(c.category()).isEqualTo("beta");
        assertThat(c.explanation().tieBreak()).isNotNull();
        assertThat(c.explanation().tieBreak().tiedCategories()).containsExactly("beta", "alpha");
        assertThat(c.explanation().tieBreak().winner()).isEqualTo("beta");
        assertThat(c.explanation().categoryRule()).contains("tie at score 2", "precedence [beta, alpha]");
        // margin 0: confidence is half the strength 2 / (2 + 2)
        assertThat(c.confidence()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void shouldBreakTieTheOtherWayWhenPrecedenceIsReversed() {
        RulePack reversed = TestPacks.load(
                TestPacks.FRUIT.replace("tie_precedence: [beta, alpha]", "tie_precedence: [alpha, beta]"));

        Classification c = new TicketClassifier(reversed).classify("", "banana apple", null);

        assertThat(c.category()).isEqualTo("alpha");
        assertThat(c.explanation().tieBreak().winner()).isEqualTo("alpha");
    }

    @Test
    void shouldNotReportTieBreakWithoutTie() {
        Classification c = new TicketClassifier(TestPacks.fruit()).classify("", "apple apple banana", null);

        assertThat(c.category()).isEqualTo("alpha");
        assertThat(c.explanation().tieBreak()).isNull();
    }

    @Test
    void shouldWeighSubjectWordsMoreThanBodyWords() {
        TicketClassifier fruit = new TicketClassifier(TestPacks.fruit());

        Classification appleInSubject = fruit.classify("apple", "banana", null);
        Classification bananaInSubject = fruit.classify("banana", "apple", null);

        assertThat(appleInSubject.category()).isEqualTo("alpha");
        assertThat(appleInSubject.explanation().scores())
                .containsEntry("alpha", 4.0)
                .containsEntry("beta", 2.0);
        assertThat(bananaInSubject.category()).isEqualTo("beta");
        assertThat(appleInSubject.explanation().matchedTerms())
                .contains(new TermMatch("alpha", "apple", "subject", List.of("apple"), 1, 2.0, 4.0));
    }

    @Test
    void shouldWeighSubjectWordsMoreWithDefaultPack() {
        // "refund" (billing) and "webhook" (integration) have the same weight in the default pack
        Classification refundSubject = classify("Refund question", "It is about a webhook.");
        Classification webhookSubject = classify("Webhook question", "It is about a refund.");

        assertThat(refundSubject.category()).isEqualTo("billing");
        assertThat(webhookSubject.category()).isEqualTo("integration");
    }

    @Test
    void shouldCountRepeatsWithDiminishingWeightAndPreferLongestPhrase() {
        TicketClassifier fruit = new TicketClassifier(TestPacks.fruit());

        Classification repeats = fruit.classify("", "apple, apple, apple, apple, apple", null);
        Classification phrase = fruit.classify("", "a green apple pie", null);

        // 2 x (1 + 0.5 x (min(5, 3) - 1)) = 4
        assertThat(repeats.explanation().scores()).containsEntry("alpha", 4.0);
        assertThat(phrase.explanation().matchedTerms())
                .extracting(TermMatch::term)
                .containsExactly("green apple pie");
    }

    // ---- confidence --------------------------------------------------------------------------

    @Test
    void shouldGiveHigherConfidenceToClearTicketsThanToMixedOnes() {
        Classification clear =
                classify("Refund for duplicate payment", "Please refund the second payment on my invoice.");
        Classification mixed = classify("Invoice page crashes", "Opening the invoice page gives an error and crashes.");

        assertThat(clear.confidence()).isBetween(0.0, 1.0);
        assertThat(mixed.confidence()).isBetween(0.0, 1.0);
        assertThat(clear.confidence()).isGreaterThan(mixed.confidence());
    }

    // ---- explanation ---------------------------------------------------------------------------

    @Test
    void shouldExplainMatchedTermsScoresAndPriority() {
        Classification c =
                CLASSIFIER.classify("Charged twice", "Our invoice was charged twice, this is urgent.", "Professional");
        Explanation e = c.explanation();

        assertThat(e.rulePackVersion()).isEqualTo(CLASSIFIER.rulePack().version());
        assertThat(e.matchedTerms())
                .anySatisfy(m -> {
                    assertThat(m.category()).isEqualTo("billing");
                    assertThat(m.term()).isEqualTo("charged twice");
                    assertThat(m.field()).isEqualTo("subject");
                    assertThat(m.matchedText()).containsExactly("Charged twice");
                    assertThat(m.contribution())
                            .isEqualTo(m.weight() * CLASSIFIER.rulePack().subjectWeight());
                })
                .anySatisfy(m -> {
                    assertThat(m.term()).isEqualTo("invoice");
                    assertThat(m.field()).isEqualTo("body");
                });
        assertThat(e.scores().keySet()).first().isEqualTo("billing");
        assertThat(e.scores()).containsKeys("security", "billing", "account", "integration", "technical", "feature");
        assertThat(e.categoryRule()).startsWith("highest score: billing");
        assertThat(e.priority().urgency()).isEqualTo("HIGH");
        assertThat(e.priority().urgencySignals())
                .anySatisfy(s -> assertThat(s.signal()).isEqualTo("urgent"));
        assertThat(e.priority().rule()).contains("matrix urgency HIGH x impact MEDIUM -> P2");
        assertThat(c.priority()).isEqualTo("P2");
    }

    @Test
    void shouldSerialiseExplanationToSnakeCaseJson() throws Exception {
        Classification c = classify("", "this is not a billing question, the app crashes");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);

        String text = json.writeValueAsString(c);

        assertThat(text)
                .contains(
                        "\"category\":\"technical\"",
                        "\"rule_pack_version\"",
                        "\"matched_terms\"",
                        "\"negated_terms\"",
                        "\"matched_text\"",
                        "\"category_rule\"",
                        "\"urgency_signals\"",
                        "\"tier_adjustment\"");
        com.fasterxml.jackson.databind.JsonNode tree = json.readTree(text);
        assertThat(tree.at("/explanation/negated_terms/0/cue").asText()).isEqualTo("not");
    }

    // ---- service properties ------------------------------------------------------------------

    @Test
    void shouldBeDeterministic() {
        Classification a = classify("Invoice page crashes", "The invoice page shows an error and then crashes.");
        Classification b = classify("Invoice page crashes", "The invoice page shows an error and then crashes.");

        assertThat(a).isEqualTo(b);
    }

    @Test
    void shouldGiveSameResultsWhenCalledConcurrently() throws Exception {
        List<String[]> tickets = List.of(
                new String[] {"Charged twice", "Please refund the duplicate payment."},
                new String[] {"App crashes", "The app crashes when I export, not a billing issue."},
                new String[] {"Cannot log in", "My password reset link expired."},
                new String[] {"Webhook failing", "The API returns 500 for every webhook."},
                new String[] {"Breach?", "We think customer data was exposed, urgent."},
                new String[] {"Idea", "It would be nice to have an option to archive boards."});
        List<Classification> expected = new ArrayList<>();
        for (String[] t : tickets) {
            expected.add(classify(t[0], t[1]));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Classification>>> futures = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                futures.add(pool.submit(() -> {
                    List<Classification> last = null;
                    for (int round = 0; round < 300; round++) {
                        List<Classification> out = new ArrayList<>();
                        for (String[] t : tickets) {
                            out.add(classify(t[0], t[1]));
                        }
                        last = out;
                        if (!out.equals(expected)) {
                            return out;
                        }
                    }
                    return last;
                }));
            }
            for (Future<List<Classification>> f : futures) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
