package io.ticketsuite.routing.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketsuite.events.Priority;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The matrix format: what it accepts, and every problem of a refused file named at once. */
class EscalationMatrixLoaderTest {

    @Test
    void shouldReadConditionsWithAnyOfAndOverrides() {
        EscalationMatrix matrix = EscalationMatrixLoader.parse("""
                default-team: eng-tier1
                rules:
                  - id: loud
                    when: {events: ticket.triaged, category: [billing, account], any-of: [{priority: P1}, {evidence: refund}]}
                    overrides: [quiet]
                    levels:
                      - {name: lead, targets: [{team-lead: ticket}], acknowledge-within: PT10M}
                      - {name: cto, targets: [{contact: cto}], immediate: true}
                  - id: quiet
                    when: {events: ticket.triaged, category: billing}
                    levels: [{name: lead, targets: [{team-lead: billing}]}]
                """);
        EscalationFacts p3Refund = new EscalationFacts(
                "ticket.triaged",
                UUID.randomUUID(),
                UUID.randomUUID(),
                "billing",
                Priority.P3,
                null,
                List.of(),
                null,
                "Customer wants a REFUND",
                null,
                null,
                "t");
        EscalationFacts p3 = new EscalationFacts(
                "ticket.triaged",
                UUID.randomUUID(),
                UUID.randomUUID(),
                "billing",
                Priority.P3,
                null,
                List.of(),
                null,
                "invoice",
                null,
                null,
                "t");
        assertThat(matrix.matching(p3Refund)).extracting(EscalationRule::id).containsExactly("loud");
        assertThat(matrix.matching(p3)).extracting(EscalationRule::id).containsExactly("quiet");
        assertThat(matrix.rule("loud").orElseThrow().conditions().describe())
                .isEqualTo("category account/billing, any of (priority P1 | evidence refund)");
    }

    @Test
    void shouldRefuseAMatrixNamingEveryProblem() {
        assertThatThrownBy(() -> EscalationMatrixLoader.parse("""
                        default-team: eng-tier1
                        rules:
                          - id: a
                            when: {events: [ticket.triaged, ticket.assigned], priority: P9, colour: red}
                            once-per: fortnight
                            overrides: [nobody]
                            levels:
                              - {name: first, targets: [{pager: eng}]}
                              - {name: second, targets: [], acknowledge-within: soon}
                          - id: a
                            when: {events: sla.breached}
                            levels: []
                        """))
                .isInstanceOf(InvalidMatrixException.class)
                .satisfies(e -> assertThat(((InvalidMatrixException) e).problems())
                        .contains(
                                "rule 'a': cannot trigger on 'ticket.assigned' (one of [issue.recurring-detected,"
                                        + " sla.breached, ticket.created, ticket.escalation-requested,"
                                        + " ticket.reclassified, ticket.triaged])",
                                "rule 'a' when priority: unknown value 'P9'",
                                "rule 'a' when: unknown key 'colour'",
                                "rule 'a' once-per: unknown value 'fortnight'",
                                "rule 'a' level 1: unknown target 'pager' (team-lead, on-call or contact)",
                                "rule 'a' level 1: needs 'acknowledge-within' (a later level follows it)",
                                "rule 'a' level 2: needs a non-empty list 'targets'",
                                "rule 'a' level 2: 'acknowledge-within' is not an ISO-8601 duration (e.g. PT30M): soon",
                                "rule 'a': needs a non-empty list 'levels'"));
    }

    @Test
    void shouldRefuseDuplicateIdsAndOverridesOfUnknownRules() {
        assertThatThrownBy(() -> EscalationMatrixLoader.parse("""
                        default-team: eng-tier1
                        rules:
                          - {id: a, when: {events: sla.breached}, overrides: [b], levels: [{name: l, targets: [{contact: cto}]}]}
                          - {id: a, when: {events: sla.breached}, levels: [{name: l, targets: [{contact: cto}]}]}
                        """))
                .isInstanceOf(InvalidMatrixException.class)
                .hasMessageContaining("rule 'a': duplicate id")
                .hasMessageContaining("rule 'a': overrides unknown rule 'b'");
    }

    @Test
    void shouldRefuseAFileThatIsNotAMatrix() {
        assertThatThrownBy(() -> EscalationMatrixLoader.parse("rules: {}"))
                .isInstanceOf(InvalidMatrixException.class)
                .hasMessageContaining("needs a list 'rules'");
        assertThatThrownBy(() -> EscalationMatrixLoader.load("/nonexistent/matrix.yaml"))
                .isInstanceOf(InvalidMatrixException.class)
                .hasMessageContaining("cannot read");
    }
}
