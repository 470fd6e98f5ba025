package io.ticketsuite.triage.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class RulePackTest {

    @Test
    void shouldLoadDefaultPackWithTheVersionOfTheResourceFile() throws Exception {
        String versionInFile;
        try (InputStream in = RulePack.class.getResourceAsStream(RulePack.DEFAULT_RESOURCE)) {
            versionInFile = new ObjectMapper(new YAMLFactory())
                    .readTree(in)
                    .get("version")
                    .asText();
        }

        RulePack pack = RulePack.loadDefault();

        assertThat(versionInFile).isNotBlank();
        assertThat(pack.version()).isEqualTo(versionInFile);
        assertThat(pack.categories()).contains("billing", "technical", "account", "feature", "integration", "security");
        assertThat(pack.fallbackCategory()).isEqualTo("general");
        assertThat(pack.tiePrecedence()).startsWith("safety", "security");
        assertThat(pack.categories()).contains("safety");
        assertThat(pack.overrides()).containsKey("safety").containsKey("security");
        assertThat(pack.categoryFloors()).containsEntry("safety", "P1").containsEntry("security", "P2");
        assertThat(pack.tiePrecedence()).containsExactlyInAnyOrderElementsOf(pack.categories());
        assertThat(pack.subjectWeight()).isGreaterThan(1.0);
        assertThat(pack.categoryEntryCount()).isGreaterThan(200);
        assertThat(pack.signalEntryCount()).isGreaterThan(50);
    }

    @Test
    void shouldContainEverySeedWordOfTheArchitecture() {
        TicketClassifier classifier = new TicketClassifier(RulePack.loadDefault());
        String[][] seeds = {
            {"billing", "charge", "invoice", "payment", "refund", "cancel", "upgrade", "downgrade"},
            {"technical", "error", "broken", "crash", "bug"},
            {"account", "login", "password", "access"},
            {"feature", "how to", "feature", "can I", "request"},
            {"integration", "API", "webhook", "connect", "integrate"},
            {"security", "security", "breach", "hack", "expose"}
        };
        for (String[] seed : seeds) {
            for (int i = 1; i < seed.length; i++) {
                Classification c = classifier.classify("", seed[i], null);
                assertThat(c.explanation().matchedTerms())
                        .as("seed word '%s' of %s", seed[i], seed[0])
                        .anySatisfy(m -> assertThat(m.category()).isEqualTo(seed[0]));
            }
        }
    }

    @Test
    void shouldLoadAPackFromAStream() {
        RulePack pack = TestPacks.fruit();

        assertThat(pack.version()).isEqualTo("test-7");
        assertThat(pack.categories()).containsExactly("alpha", "beta");
        assertThat(pack.tiePrecedence()).containsExactly("beta", "alpha");
        assertThat(pack.categoryEntryCount()).isEqualTo(3);
    }

    @Test
    void shouldRejectInvalidYamlWithItsLocation() {
        assertThatThrownBy(() -> TestPacks.load("version: [1\ncategories: {"))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("not valid YAML")
                .hasMessageContaining("line");
    }

    @Test
    void shouldRejectEmptyPack() {
        assertThatThrownBy(() -> RulePack.load(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void shouldRejectPackWithoutVersion() {
        String yaml = TestPacks.FRUIT.replace("version: \"test-7\"\n", "");

        assertThatThrownBy(() -> TestPacks.load(yaml))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("version: missing or blank");
    }

    @Test
    void shouldRejectNonPositiveWeightNamingTheTerm() {
        String yaml = TestPacks.FRUIT.replace("terms: {apple: 2}", "terms: {apple: -1}");

        assertThatThrownBy(() -> TestPacks.load(yaml))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("categories.alpha.terms.apple: weight must be a positive number, got '-1'");
    }

    @Test
    void shouldRejectMultiWordTermAndSingleWordPhrase() {
        String yaml = TestPacks.FRUIT
                .replace("terms: {apple: 2}", "terms: {apple tart: 2}")
                .replace("phrases: {green apple pie: 5}", "phrases: {pie: 5}");

        assertThatThrownBy(() -> TestPacks.load(yaml))
                .isInstanceOfSatisfying(
                        RulePackException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(p -> assertThat(p).contains("apple tart", "list it under phrases"))
                                .anySatisfy(
                                        p -> assertThat(p).contains("'pie' is a single token; list it under terms")));
    }

    @Test
    void shouldRejectTwoTermsOfOneFamily() {
        String yaml = TestPacks.FRUIT.replace("terms: {apple: 2}", "terms: {apple: 2, apples: 1}");

        assertThatThrownBy(() -> TestPacks.load(yaml))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("'apples' and 'apple' both analyse to 'appl' in alpha; keep one");
    }

    @Test
    void shouldRejectStopWordAsTerm() {
        String yaml = TestPacks.FRUIT.replace("terms: {banana: 2}", "terms: {banana: 2, the: 1}");

        assertThatThrownBy(() -> TestPacks.load(yaml))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("'the' is a stop word");
    }

    @Test
    void shouldRejectIncompleteTiePrecedence() {
        String yaml = TestPacks.FRUIT.replace("tie_precedence: [beta, alpha]", "tie_precedence: [beta, gamma]");

        assertThatThrownBy(() -> TestPacks.load(yaml))
                .isInstanceOfSatisfying(
                        RulePackException.class,
                        e -> assertThat(e.problems())
                                .contains(
                                        "scoring.tie_precedence: 'gamma' is not a category",
                                        "scoring.tie_precedence: category 'alpha' is missing (list every category once, so ties are always decided)"));
    }

    @Test
    void shouldRejectUnknownKeysAndBadPriorityMatrix() {
        String yaml = TestPacks.FRUIT
                .replace("categories:", "categoriez: {}\ncategories:")
                .replace("LOW:    {HIGH: P3, MEDIUM: P4, LOW: P4}", "LOW:    {HIGH: P3, MEDIUM: P9}");

        assertThatThrownBy(() -> TestPacks.load(yaml)).isInstanceOfSatisfying(RulePackException.class, e -> {
            assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(e.getMessage())
                    .contains("categoriez: unknown key")
                    .contains("priority.matrix.LOW.MEDIUM: must be one of [P1, P2, P3, P4], got 'P9'")
                    .contains("priority.matrix.LOW.LOW: must be one of [P1, P2, P3, P4], got 'nothing'");
        });
    }

    @Test
    void shouldRejectOutOfRangeScoringAndDuplicateYamlKeys() {
        String badScoring = TestPacks.FRUIT.replace("min_confidence: 0.2", "min_confidence: 1.5");
        String duplicateKey = TestPacks.FRUIT.replace("  window: 3\n", "  window: 3\n  window: 4\n");

        assertThatThrownBy(() -> TestPacks.load(badScoring))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("scoring.min_confidence: must be a number from 0.0 to 0.999, got '1.5'");
        assertThatThrownBy(() -> TestPacks.load(duplicateKey))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("Duplicate field 'window'");
    }

    @Test
    void shouldRejectUnquotedYamlBooleanInWordList() {
        String yaml = TestPacks.FRUIT.replace("cues: [not, \"no\"]", "cues: [not, no]");

        assertThatThrownBy(() -> TestPacks.load(yaml))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("negation.cues: contains the boolean false; quote words");
    }

    @Test
    void shouldRejectSecurityEscalationLessUrgentThanFloor() {
        String yaml = TestPacks.FRUIT.replace("escalate_to: P1", "escalate_to: P3");

        assertThatThrownBy(() -> TestPacks.load(yaml))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("escalate_to: P3 must be at least as urgent as floor P2");
    }
}
