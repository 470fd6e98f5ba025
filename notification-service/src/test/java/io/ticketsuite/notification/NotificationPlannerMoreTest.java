package io.ticketsuite.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ticketsuite.events.AuthorRole;
import io.ticketsuite.events.EscalationTarget;
import io.ticketsuite.events.Resolution;
import io.ticketsuite.events.TicketCommentAdded;
import io.ticketsuite.events.TicketEscalated;
import io.ticketsuite.events.TicketReassigned;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.Visibility;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Escalations, reassignments and resolutions: who is told, in which kind, with which fields. */
class NotificationPlannerMoreTest {
    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
    private static final UUID TICKET = UUID.fromString("6f1c0e1a-8a3b-4c55-9d0e-2b7f4d0c9a11");
    private static final List<StaffMember> DIRECTORY =
            List.of(new StaffMember("agent-7", "Ada Lovelace", RecipientRole.AGENT, "billing"));
    private static final TicketInfo SUPPORT =
            new TicketInfo(TICKET, TicketType.SUPPORT, "Charged twice", "c-1", "Ann@Example.com");
    private static final TicketInfo ESCALATION =
            new TicketInfo(TICKET, TicketType.ESCALATION, "Scope creep at ACME", "c-1", "ann@example.com");

    private final NotificationPlanner planner = new NotificationPlanner("Support", true);

    private static TicketEscalated escalated(boolean immediate, EscalationTarget... targets) {
        return new TicketEscalated(
                TICKET,
                "L1",
                "security",
                "security incident",
                T,
                UUID.randomUUID(),
                "security-incident",
                List.of(targets),
                T.plusSeconds(900),
                immediate);
    }

    @Test
    void shouldPageEveryTargetOfAnImmediateEscalationOncePerPerson() {
        var planned = planner.escalation(
                escalated(
                        true,
                        new EscalationTarget("lead-security", "Sam Lead", "team-lead"),
                        new EscalationTarget("ciso-1", "Casey Ciso", "ciso"),
                        new EscalationTarget("lead-security", "Sam Lead", "on-call"),
                        new EscalationTarget(" ", "nobody", "legal")),
                SUPPORT,
                DIRECTORY);

        assertThat(planned)
                .extracting(
                        PlannedNotification::recipient, PlannedNotification::recipientRole, PlannedNotification::kind)
                .containsExactly(
                        tuple("lead-security", RecipientRole.ESCALATION_TARGET, NotificationKind.TICKET_ESCALATED_PAGE),
                        tuple("ciso-1", RecipientRole.ESCALATION_TARGET, NotificationKind.TICKET_ESCALATED_PAGE));
        assertThat(planned.get(0).model())
                .containsEntry("target_role", "team-lead, on-call")
                .containsEntry("recipient_name", "Sam Lead")
                .containsEntry("level", "L1")
                .containsEntry("rule", "security-incident")
                .containsEntry("reason", "security incident")
                .containsEntry("acknowledge_by", "2026-03-02T09:15:00Z");
        assertThat(NotificationKind.TICKET_ESCALATED_PAGE.urgency()).isEqualTo(NotificationKind.Urgency.PAGE);
    }

    @Test
    void shouldSendAnOrdinaryMessageForAnEscalationThatIsNotImmediate() {
        var planned = planner.escalation(
                escalated(false, new EscalationTarget("lead-billing", null, "team-lead")), null, DIRECTORY);

        assertThat(planned)
                .extracting(PlannedNotification::recipient, PlannedNotification::kind)
                .containsExactly(tuple("lead-billing", NotificationKind.TICKET_ESCALATED));
        assertThat(planned.get(0).model()).containsEntry("recipient_name", "lead-billing");
        assertThat(NotificationKind.TICKET_ESCALATED.urgency()).isEqualTo(NotificationKind.Urgency.NORMAL);
    }

    @Test
    void shouldTellNobodyForAnEscalationWithoutTargets() {
        assertThat(planner.escalation(new TicketEscalated(TICKET, "L1", "billing", "breach", T), SUPPORT, DIRECTORY))
                .isEmpty();
    }

    @Test
    void shouldTellTheNewAgentAndThePreviousOneOfAReassignment() {
        var reassigned = new TicketReassigned(
                TICKET, "agent-7", "agent-9", "tier2", "needs T2", T, "tier1", "T2", "lead-billing");

        var planned = planner.reassignment(reassigned, SUPPORT, DIRECTORY);

        assertThat(planned)
                .extracting(PlannedNotification::recipient, PlannedNotification::kind)
                .containsExactly(
                        tuple("agent-9", NotificationKind.TICKET_REASSIGNED),
                        tuple("agent-7", NotificationKind.TICKET_MOVED_AWAY));
        assertThat(planned.get(1).model())
                .containsEntry("recipient_name", "Ada Lovelace")
                .containsEntry("to_agent", "agent-9")
                .containsEntry("tier", "T2")
                .containsEntry("reassigned_by", "lead-billing");
    }

    @Test
    void shouldTellTheAgentOnceWhenOnlyTheTeamChanged() {
        var planned = planner.reassignment(
                new TicketReassigned(TICKET, "agent-7", "agent-7", "billing-2", "team split", T), SUPPORT, DIRECTORY);

        assertThat(planned)
                .extracting(PlannedNotification::recipient, PlannedNotification::kind)
                .containsExactly(tuple("agent-7", NotificationKind.TICKET_REASSIGNED));
        assertThat(planner.reassignment(
                        new TicketReassigned(TICKET, null, null, "billing", "to the queue", T), SUPPORT, DIRECTORY))
                .isEmpty();
    }

    @Test
    void shouldTellTheCustomerOfAResolutionWithItsSummaryButNeverForAnInternalTicket() {
        var resolved = new TicketStatusChanged(
                TICKET,
                TicketType.SUPPORT,
                TicketStatus.AWAITING_REVIEW,
                TicketStatus.RESOLVED,
                null,
                "agent-7",
                "AGENT",
                T,
                new Resolution("fixed", "We refunded the second charge.", null));

        var planned = planner.resolved(resolved, SUPPORT).orElseThrow();

        assertThat(planned.recipient()).isEqualTo("ann@example.com");
        assertThat(planned.recipientRole()).isEqualTo(RecipientRole.CUSTOMER);
        assertThat(planned.kind()).isEqualTo(NotificationKind.TICKET_RESOLVED);
        assertThat(planned.model()).containsEntry("resolution_summary", "We refunded the second charge.");
        assertThat(planned.model().keySet()).isSubsetOf(NotificationPlanner.CUSTOMER_FIELDS);
        assertThat(planner.resolved(resolved, ESCALATION)).isEmpty();
        assertThat(planner.resolved(
                        new TicketStatusChanged(
                                TICKET, TicketType.SUPPORT, TicketStatus.NEW, TicketStatus.IN_PROGRESS, null, "a", T),
                        SUPPORT))
                .isEmpty();
    }

    private static TicketCommentAdded comment(AuthorRole role, Visibility visibility, String body) {
        return new TicketCommentAdded(TICKET, UUID.randomUUID(), "agent-7", role, visibility, body, T);
    }

    @Test
    void shouldTellTheCustomerOfAPublicReplyByStaffWithItsText() {
        var planned = planner.reply(comment(AuthorRole.AGENT, Visibility.PUBLIC, " Which browser? "), SUPPORT)
                .orElseThrow();
        assertThat(planned.recipient()).isEqualTo("ann@example.com");
        assertThat(planned.recipientRole()).isEqualTo(RecipientRole.CUSTOMER);
        assertThat(planned.kind()).isEqualTo(NotificationKind.TICKET_REPLIED);
        assertThat(planned.model()).containsEntry("reply", "Which browser?");
        assertThat(planned.model().keySet()).isSubsetOf(NotificationPlanner.CUSTOMER_FIELDS);
    }

    @Test
    void shouldNeverTellTheCustomerOfInternalNotesTheirOwnCommentsOrOnInternalTickets() {
        assertThat(planner.reply(comment(AuthorRole.AGENT, Visibility.INTERNAL, "grumpy customer"), SUPPORT))
                .isEmpty();
        assertThat(planner.reply(comment(AuthorRole.CUSTOMER, Visibility.PUBLIC, "any news?"), SUPPORT))
                .isEmpty();
        assertThat(planner.reply(comment(AuthorRole.AGENT, Visibility.PUBLIC, "  "), SUPPORT))
                .isEmpty();
        assertThat(planner.reply(comment(AuthorRole.AGENT, Visibility.PUBLIC, "Hi"), ESCALATION))
                .isEmpty();
        assertThat(planner.reply(comment(AuthorRole.AGENT, Visibility.PUBLIC, "Hi"), null))
                .isEmpty();
    }

    @Test
    void shouldTellTheCustomerWhenTheTicketWaitsForThemOnly() {
        var waiting = new TicketStatusChanged(
                TICKET, TicketType.SUPPORT, TicketStatus.IN_PROGRESS, TicketStatus.WAITING_FOR_CUSTOMER, "ask", "a", T);
        var planned = planner.waitingForCustomer(waiting, SUPPORT).orElseThrow();
        assertThat(planned.kind()).isEqualTo(NotificationKind.TICKET_WAITING_FOR_CUSTOMER);
        assertThat(planned.recipient()).isEqualTo("ann@example.com");
        assertThat(planner.waitingForCustomer(waiting, ESCALATION)).isEmpty();
        var other = new TicketStatusChanged(
                TICKET, TicketType.SUPPORT, TicketStatus.NEW, TicketStatus.IN_PROGRESS, null, "a", T);
        assertThat(planner.waitingForCustomer(other, SUPPORT)).isEmpty();
    }
}
