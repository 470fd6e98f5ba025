package io.ticketsuite.routing.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.routing.selection.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shipped rules file (src/main/resources/routing-rules.yaml), rule by rule. */
class DefaultRoutingRulesTest {
    private static final RoutingRules RULES = RoutingRulesLoader.load("classpath:routing-rules.yaml");

    private static RouteMatch route(String category, CustomerTier tier) {
        return RULES.route(new RouteFacts(category, tier, Priority.P3, "en"));
    }

    @ParameterizedTest
    @EnumSource(CustomerTier.class)
    void shouldRouteSafetyFirstToClinicalSafetyImmediatelyWithCrisisSkills(CustomerTier tier) {
        RouteMatch match = route("safety", tier);

        assertThat(RULES.rules().get(0).id()).isEqualTo("safety");
        assertThat(match.teamId()).isEqualTo("clinical-safety");
        assertThat(match.rule().immediate()).isTrue();
        assertThat(match.reason()).isEqualTo("category safety → clinical-safety (rule safety), immediately");
        assertThat(RULES.requiredSkills(new RouteFacts("safety", tier, Priority.P1, "en"), match.rule()))
                .containsExactly("crisis-support");
        assertThat(RULES.requiredSkills(
                        new RouteFacts("billing", tier, Priority.P1, "en"),
                        route("billing", tier).rule()))
                .isEmpty();
    }

    @Test
    void shouldRouteEnterpriseBillingToAccountManagement() {
        RouteMatch match = route("billing", CustomerTier.ENTERPRISE);

        assertThat(match.teamId()).isEqualTo("account-management");
        assertThat(match.rule().id()).isEqualTo("billing-enterprise");
        assertThat(match.reason())
                .isEqualTo("category billing and tier ENTERPRISE → account-management (rule billing-enterprise)");
    }

    @ParameterizedTest
    @EnumSource(value = CustomerTier.class, names = "ENTERPRISE", mode = EnumSource.Mode.EXCLUDE)
    void shouldRouteOtherBillingToTheBillingTeamRoundRobin(CustomerTier tier) {
        RouteMatch match = route("billing", tier);

        assertThat(match.teamId()).isEqualTo("billing");
        assertThat(match.rule().id()).isEqualTo("billing");
        assertThat(match.rule().strategy()).isEqualTo(Strategy.ROUND_ROBIN);
        assertThat(match.reason()).isEqualTo("category billing → billing (rule billing)");
    }

    @ParameterizedTest
    @EnumSource(CustomerTier.class)
    void shouldRouteSecurityToTheSecurityTeamImmediatelyWhateverTheTier(CustomerTier tier) {
        RouteMatch match = route("security", tier);

        assertThat(match.teamId()).isEqualTo("security");
        assertThat(match.rule().immediate()).isTrue();
        assertThat(match.reason()).isEqualTo("category security → security (rule security), immediately");
    }

    @Test
    void shouldRouteEnterpriseTechnicalToTier2() {
        RouteMatch match = route("technical", CustomerTier.ENTERPRISE);

        assertThat(match.teamId()).isEqualTo("eng-tier2");
        assertThat(match.rule().id()).isEqualTo("technical-enterprise");
        assertThat(match.reason())
                .isEqualTo("category technical and tier ENTERPRISE → eng-tier2 (rule technical-enterprise)");
    }

    @ParameterizedTest
    @EnumSource(value = CustomerTier.class, names = "ENTERPRISE", mode = EnumSource.Mode.EXCLUDE)
    void shouldRouteOtherTechnicalToTier1RoundRobin(CustomerTier tier) {
        RouteMatch match = route("technical", tier);

        assertThat(match.teamId()).isEqualTo("eng-tier1");
        assertThat(match.rule().id()).isEqualTo("technical");
        assertThat(match.rule().strategy()).isEqualTo(Strategy.ROUND_ROBIN);
    }

    @Test
    void shouldRouteAccountToTheAccountTeam() {
        RouteMatch match = route("account", CustomerTier.ENTERPRISE);

        assertThat(match.teamId()).isEqualTo("account");
        assertThat(match.rule().id()).isEqualTo("account");
    }

    @Test
    void shouldRouteFeatureToProduct() {
        assertThat(route("feature", CustomerTier.FREE).teamId()).isEqualTo("product");
        assertThat(route("feature", CustomerTier.FREE).rule().id()).isEqualTo("feature");
    }

    @Test
    void shouldRouteIntegrationToDevRel() {
        assertThat(route("integration", CustomerTier.STARTER).teamId()).isEqualTo("devrel");
        assertThat(route("integration", CustomerTier.STARTER).rule().id()).isEqualTo("integration");
    }

    @Test
    void shouldRouteGeneralToTier1LeastLoaded() {
        RouteMatch match = route("general", CustomerTier.ENTERPRISE);

        assertThat(match.teamId()).isEqualTo("eng-tier1");
        assertThat(match.rule().id()).isEqualTo("default");
        assertThat(match.rule().strategy()).isEqualTo(Strategy.LEAST_LOADED);
        assertThat(match.reason()).isEqualTo("category general (no specific rule) → eng-tier1 (rule default)");
    }

    @Test
    void shouldRouteAnUnknownOrMissingCategoryByTheCatchAll() {
        assertThat(route("weather", CustomerTier.PROFESSIONAL).rule().id()).isEqualTo("default");
        assertThat(route(null, CustomerTier.PROFESSIONAL).rule().id()).isEqualTo("default");
        assertThat(route(null, CustomerTier.PROFESSIONAL).reason()).startsWith("category general");
    }

    @Test
    void shouldMatchCategoriesCaseInsensitively() {
        assertThat(route(" Billing ", CustomerTier.ENTERPRISE).teamId()).isEqualTo("account-management");
    }

    @Test
    void shouldEvaluateRulesInFileOrder() {
        assertThat(RULES.rules())
                .extracting(RoutingRule::id)
                .containsExactly(
                        "safety",
                        "billing-enterprise",
                        "billing",
                        "security",
                        "technical-enterprise",
                        "technical",
                        "account",
                        "feature",
                        "integration",
                        "default");
    }
}
