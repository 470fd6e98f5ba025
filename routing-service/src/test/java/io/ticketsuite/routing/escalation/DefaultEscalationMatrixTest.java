package io.ticketsuite.routing.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.events.Channel;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped escalation matrix, rule by rule: which events and tickets fire which rules, whom they reach and when. */
class DefaultEscalationMatrixTest {
    private static final EscalationMatrix MATRIX = EscalationMatrixLoader.load("classpath:escalation-matrix.yaml");
    private static final UUID TICKET = UUID.randomUUID();

    static EscalationFacts triaged(String category, Priority priority, String explanation) {
        return new EscalationFacts(
                "ticket.triaged",
                UUID.randomUUID(),
                TICKET,
                category,
                priority,
                null,
                List.of(),
                null,
                explanation,
                null,
                null,
                "test");
    }

    static EscalationFacts reclassified(String category, Priority priority) {
        return new EscalationFacts(
                "ticket.reclassified",
                UUID.randomUUID(),
                TICKET,
                category,
                priority,
                null,
                List.of(),
                null,
                "",
                null,
                null,
                "test");
    }

    static EscalationFacts created(Channel channel, List<String> tags) {
        return new EscalationFacts(
                "ticket.created",
                UUID.randomUUID(),
                TICKET,
                null,
                null,
                channel,
                tags,
                CustomerTier.ENTERPRISE,
                "disk full",
                null,
                null,
                "test");
    }

    static EscalationFacts breached(Priority priority) {
        return new EscalationFacts(
                "sla.breached",
                UUID.randomUUID(),
                TICKET,
                null,
                priority,
                null,
                List.of(),
                null,
                "",
                "billing",
                null,
                "test");
    }

    static EscalationFacts event(String type) {
        return new EscalationFacts(
                type,
                UUID.randomUUID(),
                TICKET,
                "technical",
                null,
                null,
                List.of(),
                null,
                "",
                null,
                UUID.randomUUID(),
                "test");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // event and ticket → the rules that fire
                Arguments.of("P1 triaged", triaged("technical", Priority.P1, ""), List.of("p1-on-call")),
                Arguments.of("P2 triaged", triaged("technical", Priority.P2, ""), List.of()),
                Arguments.of("reclassified to P1", reclassified("billing", Priority.P1), List.of("p1-on-call")),
                Arguments.of("security P3", triaged("security", Priority.P3, ""), List.of("security-incident")),
                Arguments.of(
                        "security P2",
                        triaged("security", Priority.P2, "{matched=[password]}"),
                        List.of("security-incident")),
                Arguments.of(
                        "security P1 is a data breach (and P1)",
                        triaged("security", Priority.P1, ""),
                        List.of("p1-on-call", "data-breach")),
                Arguments.of(
                        "security P2 with breach evidence",
                        triaged("security", Priority.P2, "{matched=[data breach, exposed]}"),
                        List.of("data-breach")),
                Arguments.of("breach words outside security", triaged("technical", Priority.P3, "exposed"), List.of()),
                Arguments.of(
                        "safety P1 goes to clinical safety, not the engineering on-call",
                        triaged("safety", Priority.P1, ""),
                        List.of("clinical-safety")),
                Arguments.of("sla breach P1", breached(Priority.P1), List.of("sla-breach-p1-p2")),
                Arguments.of("sla breach P2", breached(Priority.P2), List.of("sla-breach-p1-p2")),
                Arguments.of("sla breach P3", breached(Priority.P3), List.of()),
                Arguments.of("recurring issue", event("issue.recurring-detected"), List.of("recurring-issue")),
                Arguments.of("customer request", event("ticket.escalation-requested"), List.of("customer-request")),
                Arguments.of(
                        "monitoring, all customers",
                        created(Channel.MONITORING, List.of("db", "All-Customers")),
                        List.of("monitoring-all-customers")),
                Arguments.of("monitoring, one customer", created(Channel.MONITORING, List.of("db")), List.of()),
                Arguments.of("email tagged all-customers", created(Channel.EMAIL, List.of("all-customers")), List.of()),
                Arguments.of("status changes never trigger", event("ticket.status-changed"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldFireTheRulesOfTheMatrix(String name, EscalationFacts facts, List<String> expected) {
        assertThat(MATRIX.matching(facts).stream().map(EscalationRule::id).toList())
                .isEqualTo(expected);
    }

    static Stream<Arguments> firstLevels() {
        return Stream.of(
                Arguments.of("p1-on-call", "[on-call: eng-tier3]", true, Duration.ofMinutes(15), 3),
                Arguments.of("sla-breach-p1-p2", "[team-lead: ticket]", false, Duration.ofHours(1), 2),
                Arguments.of(
                        "security-incident", "[team-lead: security, contact: ciso]", true, Duration.ofMinutes(15), 2),
                Arguments.of(
                        "data-breach",
                        "[contact: ciso, contact: legal, team-lead: security]",
                        true,
                        Duration.ofMinutes(15),
                        2),
                Arguments.of("recurring-issue", "[contact: engineering-lead]", false, Duration.ofHours(24), 2),
                Arguments.of(
                        "monitoring-all-customers",
                        "[on-call: eng-tier3, contact: engineering-lead, contact: cto]",
                        true,
                        null,
                        1),
                Arguments.of("customer-request", "[team-lead: ticket]", false, Duration.ofMinutes(30), 2),
                Arguments.of("clinical-safety", "[team-lead: clinical-safety]", true, Duration.ofMinutes(15), 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firstLevels")
    void shouldReachTheTargetsOfTheIssueWithinTheDeadline(
            String rule, String targets, boolean immediate, Duration deadline, int levels) {
        EscalationRule r = MATRIX.rule(rule).orElseThrow();
        EscalationLevel first = r.level(1).orElseThrow();
        assertThat(first.targets().toString()).isEqualTo(targets);
        assertThat(first.immediate()).isEqualTo(immediate);
        assertThat(first.acknowledgeWithin()).isEqualTo(deadline);
        assertThat(r.levels()).hasSize(levels);
        assertThat(r.level(levels + 1)).isEmpty();
    }

    @Test
    void shouldFireTheRecurringRuleOncePerClusterAndTheP1RuleOncePerTicket() {
        UUID cluster = UUID.randomUUID();
        EscalationRule recurring = MATRIX.rule("recurring-issue").orElseThrow();
        EscalationFacts third = new EscalationFacts(
                "issue.recurring-detected",
                UUID.randomUUID(),
                UUID.randomUUID(),
                null,
                null,
                null,
                List.of(),
                null,
                "",
                null,
                cluster,
                "3 tickets");
        EscalationFacts fifth = new EscalationFacts(
                "issue.recurring-detected",
                UUID.randomUUID(),
                UUID.randomUUID(),
                null,
                null,
                null,
                List.of(),
                null,
                "",
                null,
                cluster,
                "5 tickets");
        assertThat(recurring.dedupeKey(third))
                .isEqualTo(recurring.dedupeKey(fifth))
                .contains(cluster.toString());

        EscalationRule p1 = MATRIX.rule("p1-on-call").orElseThrow();
        assertThat(p1.dedupeKey(triaged("technical", Priority.P1, "")))
                .isEqualTo(p1.dedupeKey(reclassified("technical", Priority.P1)));

        EscalationRule request = MATRIX.rule("customer-request").orElseThrow();
        assertThat(request.dedupeKey(event("ticket.escalation-requested")))
                .isNotEqualTo(request.dedupeKey(event("ticket.escalation-requested")));
    }

    @Test
    void shouldNameTheTeamsContactsAndRotationsTheDatabaseMustHave() {
        assertThat(MATRIX.teamIds()).containsExactlyInAnyOrder("eng-tier3", "security", "clinical-safety", "eng-tier1");
        assertThat(MATRIX.onCallTeams()).containsExactlyInAnyOrder("eng-tier3", "security");
        assertThat(MATRIX.contactRoles())
                .containsExactlyInAnyOrder("engineering-lead", "cto", "ciso", "legal", "support-director");
    }
}
