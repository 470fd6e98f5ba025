package io.ticketsuite.triage.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Loading a pack at run time from a YAML string: parse, validate, reasons, version. */
class RulePackLifecycleTest {

    @Test
    void shouldParseAPackFromAStringAndExposeItsVersion() {
        RulePack pack = RulePack.parse(TestPacks.FRUIT);

        assertThat(pack.version()).isEqualTo("test-7");
        assertThat(new TicketClassifier(pack).classify("banana", "", null).category())
                .isEqualTo("beta");
    }

    @Test
    void shouldParseTheDefaultPackFromItsText() throws Exception {
        String yaml;
        try (InputStream in = RulePack.class.getResourceAsStream(RulePack.DEFAULT_RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(RulePack.validate(yaml)).isEmpty();
        assertThat(RulePack.parse(yaml).version())
                .isEqualTo(RulePack.loadDefault().version());
    }

    @Test
    void shouldReportEveryReasonOfABrokenPackAtOnce() {
        String yaml = TestPacks.FRUIT
                .replace("version: \"test-7\"\n", "")
                .replace("terms: {apple: 2}", "terms: {apple: 0}")
                .replace("window: 3", "window: many")
                .replace("floor: P2", "floor: P7")
                .replace("tie_precedence: [beta, alpha]", "tie_precedence: [beta]");

        assertThatThrownBy(() -> RulePack.parse(yaml)).isInstanceOfSatisfying(RulePackException.class, e -> {
            assertThat(e.reasons())
                    .hasSize(5)
                    .containsExactlyInAnyOrder(
                            "version: missing or blank",
                            "categories.alpha.terms.apple: weight must be a positive number, got '0'",
                            "negation.window: must be an integer from 1 to 20, got 'many'",
                            "priority.security.floor: must be one of [P1, P2, P3, P4], got 'P7'",
                            "scoring.tie_precedence: category 'alpha' is missing (list every category once, so ties are always decided)");
            assertThat(e.reasons()).isEqualTo(e.problems());
            assertThat(e.getMessage()).contains("5 problem(s)");
        });
        assertThat(RulePack.validate(yaml)).hasSize(5);
    }

    @Test
    void shouldGiveOneReasonForTextThatIsNotYaml() {
        assertThat(RulePack.validate("version: [1\ncategories: {"))
                .singleElement()
                .satisfies(reason -> assertThat(reason).contains("not valid YAML", "line"));
        assertThat(RulePack.validate("")).containsExactly("the rule pack is empty");
    }
}
