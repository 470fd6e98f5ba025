package io.ticketsuite.routing.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.routing.selection.Strategy;
import org.junit.jupiter.api.Test;

/** Reading rules from YAML: the format, first-match-wins, and the mistakes it refuses. */
class RoutingRulesLoaderTest {
    private static final String CATCH_ALL = """
              - id: default
                team: eng-tier1
                strategy: least-loaded
            """;

    @Test
    void shouldLetTheFirstMatchingRuleWin() {
        RoutingRules rules = RoutingRulesLoader.parse("""
                rules:
                  - id: urgent-billing
                    when: {category: billing, priority: [P1, P2]}
                    team: billing-escalations
                    strategy: least-loaded
                  - id: billing
                    when: {category: [billing, refunds]}
                    team: billing
                    strategy: round-robin
                """ + CATCH_ALL);

        assertThat(rules.route(new RouteFacts("billing", CustomerTier.FREE, Priority.P1, null))
                        .rule()
                        .id())
                .isEqualTo("urgent-billing");
        assertThat(rules.route(new RouteFacts("billing", CustomerTier.FREE, Priority.P3, null))
                        .rule()
                        .id())
                .isEqualTo("billing");
        assertThat(rules.route(new RouteFacts("refunds", CustomerTier.FREE, Priority.P1, null))
                        .teamId())
                .isEqualTo("billing");
        assertThat(rules.route(new RouteFacts("billing", CustomerTier.FREE, Priority.P1, null))
                        .reason())
                .isEqualTo("category billing and priority P1 → billing-escalations (rule urgent-billing)");
    }

    @Test
    void shouldReadConditionsStrategyAndFlags() {
        RoutingRules rules = RoutingRulesLoader.parse("""
                rules:
                  - id: vip
                    description: big customers
                    when: {tier: [enterprise, Professional]}
                    team: vip
                    strategy: ROUND_ROBIN
                    immediate: true
                """ + CATCH_ALL);

        RoutingRule vip = rules.rules().get(0);
        assertThat(vip.tiers()).containsExactlyInAnyOrder(CustomerTier.ENTERPRISE, CustomerTier.PROFESSIONAL);
        assertThat(vip.categories()).isEmpty();
        assertThat(vip.strategy()).isEqualTo(Strategy.ROUND_ROBIN);
        assertThat(vip.immediate()).isTrue();
        assertThat(vip.description()).isEqualTo("big customers");
        assertThat(rules.rules().get(1).catchAll()).isTrue();
        assertThat(rules.teamIds()).containsExactlyInAnyOrder("vip", "eng-tier1");
    }

    @Test
    void shouldRefuseRulesWithoutACatchAllAtTheEnd() {
        assertThatThrownBy(() -> RoutingRulesLoader.parse("""
                        rules:
                          - id: billing
                            when: {category: billing}
                            team: billing
                            strategy: round-robin
                        """))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("last rule ('billing') must have no conditions");
    }

    @Test
    void shouldRefuseACatchAllThatHidesLaterRules() {
        assertThatThrownBy(() ->
                        RoutingRulesLoader.parse("rules:\n" + CATCH_ALL + """
                          - id: billing
                            when: {category: billing}
                            team: billing
                            strategy: round-robin
                        """ + CATCH_ALL.replace("default", "again")))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("rule 'default' has no conditions");
    }

    @Test
    void shouldRefuseDuplicateIds() {
        assertThatThrownBy(() -> RoutingRulesLoader.parse("""
                        rules:
                          - id: default
                            when: {category: billing}
                            team: billing
                            strategy: round-robin
                        """ + CATCH_ALL))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("duplicate rule id 'default'");
    }

    @Test
    void shouldRefuseUnknownStrategyTierAndKeys() {
        assertThatThrownBy(() -> RoutingRulesLoader.parse("rules:\n" + CATCH_ALL.replace("least-loaded", "random")))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("rule 'default': invalid value 'random'");
        assertThatThrownBy(() -> RoutingRulesLoader.parse("""
                        rules:
                          - id: vip
                            when: {tier: platinum}
                            team: vip
                            strategy: round-robin
                        """ + CATCH_ALL))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("rule 'vip': invalid value 'platinum'");
        assertThatThrownBy(() -> RoutingRulesLoader.parse("""
                        rules:
                          - id: vip
                            when: {categroy: billing}
                            team: vip
                            strategy: round-robin
                        """ + CATCH_ALL))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("unknown key 'categroy'");
    }

    @Test
    void shouldRefuseMissingFieldsAndEmptyFiles() {
        assertThatThrownBy(() -> RoutingRulesLoader.parse("""
                        rules:
                          - id: no-team
                            strategy: round-robin
                        """))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("rule 'no-team': 'team' is required");
        assertThatThrownBy(() -> RoutingRulesLoader.parse("rules: []"))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("at least one routing rule");
        assertThatThrownBy(() -> RoutingRulesLoader.parse("version: 1"))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("need a list 'rules'");
        assertThatThrownBy(() -> RoutingRulesLoader.load("classpath:no-such-rules.yaml"))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("not found");
    }

    @Test
    void shouldReadRuleSkillsAndCategorySkills() {
        RoutingRules rules = RoutingRulesLoader.parse("""
                category-skills:
                  technical: [Debugging]
                rules:
                  - id: db
                    when: {category: technical, priority: P1}
                    team: eng-tier2
                    strategy: round-robin
                    skills: [databases, performance]
                  - id: rest
                    team: eng-tier1
                    strategy: least-loaded
                """);

        RouteFacts urgent = new RouteFacts("technical", null, io.ticketsuite.events.Priority.P1, "en");
        assertThat(rules.requiredSkills(urgent, rules.route(urgent).rule()))
                .containsExactly("databases", "debugging", "performance");
        RouteFacts calm = new RouteFacts("technical", null, io.ticketsuite.events.Priority.P4, "en");
        assertThat(rules.requiredSkills(calm, rules.route(calm).rule())).containsExactly("debugging");
    }

    @Test
    void shouldRefuseMalformedSkillsAndUnknownTopLevelKeys() {
        assertThatThrownBy(() -> RoutingRulesLoader.parse("category-skills: [a]\nrules:\n" + CATCH_ALL))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("category-skills");
        assertThatThrownBy(() -> RoutingRulesLoader.parse("skils: {}\nrules:\n" + CATCH_ALL))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("unknown key 'skils'");
        assertThatThrownBy(() -> RoutingRulesLoader.parse("rules:\n" + CATCH_ALL + "    skills: {a: b}\n"))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("'skills' must be a value or a non-empty list");
    }
}
