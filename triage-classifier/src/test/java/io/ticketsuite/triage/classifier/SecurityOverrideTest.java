package io.ticketsuite.triage.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** scoring.overrides.security of the default pack: strong security evidence wins over the symptoms it causes. */
class SecurityOverrideTest {

    private static final TicketClassifier CLASSIFIER = new TicketClassifier(RulePack.loadDefault());

    @Test
    void shouldRouteAnIncidentToSecurityEvenWhenItsSymptomsOutweighIt() {
        Classification c = CLASSIFIER.classify(
                "Servers keep crashing",
                "Since the ransomware and malware alert last night our servers keep crashing, the app is not"
                        + " loading, every page times out with an error and the dashboard is down.",
                null);

        assertThat(c.category()).isEqualTo("security");
        assertThat(c.explanation().scores().get("technical"))
                .isGreaterThan(c.explanation().scores().get("security"));
        assertThat(c.explanation().override()).isNotNull();
        assertThat(c.explanation().override().category()).isEqualTo("security");
        assertThat(c.explanation().override().threshold()).isEqualTo(6.0);
        assertThat(c.explanation().override().overridden()).isEqualTo("technical");
        assertThat(c.explanation().categoryRule()).contains("security wins over every other category");
        assertThat(c.priority()).isEqualTo("P1");
    }

    @Test
    void shouldNotLetOneSecurityWordOverrideAProductProblem() {
        Classification c = CLASSIFIER.classify(
                "App crashes on start",
                "Since the security update the app keeps crashing on start with an error and is not responding.",
                null);

        assertThat(c.category()).isEqualTo("technical");
        assertThat(c.explanation().override()).isNull();
    }

    @Test
    void shouldKeepSafetyAheadOfSecurity() {
        Classification c = CLASSIFIER.classify(
                "Panic button after the breach",
                "After the data breach someone hacked the admin account and the panic button no longer sends alerts.",
                null);

        assertThat(c.category()).isEqualTo("safety");
        assertThat(c.explanation().override().category()).isEqualTo("safety");
        assertThat(c.priority()).isEqualTo("P1");
    }
}
