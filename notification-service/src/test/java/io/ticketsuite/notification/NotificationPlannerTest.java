package io.ticketsuite.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ticketsuite.events.EventType;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaBreached;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.SlaEscalated;
import io.ticketsuite.events.SlaThresholdReached;
import io.ticketsuite.events.SlaWarning;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationPlannerTest {
    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
    private static final UUID TICKET = UUID.fromString("6f1c0e1a-8a3b-4c55-9d0e-2b7f4d0c9a11");
    private static final List<StaffMember> DIRECTORY = List.of(
            new StaffMember("mgr-support", "Morgan Reyes", RecipientRole.MANAGER, null),
            new StaffMember("dir-support", "Dana Okafor", RecipientRole.DIRECTOR, null),
            new StaffMember("mgr-billing", "Blake Moreau", RecipientRole.MANAGER, "billing"),
            new StaffMember("lead-billing-dir", "Lee Directory", RecipientRole.TEAM_LEAD, "billing"),
            new StaffMember("dir-security", "Sasha Novak", RecipientRole.DIRECTOR, "security"));
    private static final TicketInfo SUPPORT =
            new TicketInfo(TICKET, TicketType.SUPPORT, "Charged twice", "c-1", "Ann@Example.com");
    private static final TicketInfo ESCALATION =
            new TicketInfo(TICKET, TicketType.ESCALATION, "Scope creep at ACME", "c-1", "ann@example.com");

    private final NotificationPlanner planner = new NotificationPlanner("Support", true);
    private final NotificationPlanner strictPlanner = new NotificationPlanner("Support", false);

    @Test
    void shouldWarnTheAssigneeAtFiftyPercent() {
        var plan = planner.threshold(EventType.SLA_WARNING, warning(50, "agent-7", "lead-billing"), SUPPORT, DIRECTORY);

        assertThat(plan.notifications())
                .extracting(
                        PlannedNotification::recipient, PlannedNotification::recipientRole, PlannedNotification::kind)
                .containsExactly(tuple("agent-7", RecipientRole.AGENT, NotificationKind.SLA_WARNING_ASSIGNEE));
        assertThat(plan.parkCustomerNotice()).isFalse();
    }

    @Test
    void shouldWarnTheTeamLeadAtSeventyFivePercent() {
        var plan = planner.threshold(EventType.SLA_WARNING, warning(75, "agent-7", "lead-billing"), SUPPORT, DIRECTORY);

        assertThat(plan.notifications())
                .extracting(
                        PlannedNotification::recipient, PlannedNotification::recipientRole, PlannedNotification::kind)
                .containsExactly(
                        tuple("lead-billing", RecipientRole.TEAM_LEAD, NotificationKind.SLA_WARNING_TEAM_LEAD));
    }

    @Test
    void shouldTellTheTeamManagerAndTheCustomerOnABreach() {
        var plan = planner.threshold(EventType.SLA_BREACHED, breach("billing"), SUPPORT, DIRECTORY);

        assertThat(plan.notifications())
                .extracting(
                        PlannedNotification::recipient, PlannedNotification::recipientRole, PlannedNotification::kind)
                .containsExactly(
                        tuple("mgr-billing", RecipientRole.MANAGER, NotificationKind.SLA_BREACHED_MANAGER),
                        tuple("ann@example.com", RecipientRole.CUSTOMER, NotificationKind.SLA_BREACHED_CUSTOMER));
    }

    @Test
    void shouldTellTheDefaultManagerWhenTheTeamHasNone() {
        var plan = planner.threshold(EventType.SLA_BREACHED, breach("devrel-unknown"), SUPPORT, DIRECTORY);

        assertThat(plan.notifications())
                .extracting(PlannedNotification::recipient)
                .containsExactly("mgr-support", "ann@example.com");
    }

    @Test
    void shouldTellTheDirectorAtHundredTwentyFivePercent() {
        var escalated = new SlaEscalated(
                TICKET, SlaClock.RESOLUTION, 125, Priority.P1, T, "agent-7", "security", "lead-sec", T);

        var plan = planner.threshold(EventType.SLA_ESCALATED, escalated, SUPPORT, DIRECTORY);

        assertThat(plan.notifications())
                .extracting(
                        PlannedNotification::recipient, PlannedNotification::recipientRole, PlannedNotification::kind)
                .containsExactly(
                        tuple("dir-security", RecipientRole.DIRECTOR, NotificationKind.SLA_ESCALATED_DIRECTOR));
        var other = new SlaEscalated(TICKET, SlaClock.RESOLUTION, 125, Priority.P1, T, null, "billing", null, T);
        assertThat(planner.threshold(EventType.SLA_ESCALATED, other, SUPPORT, DIRECTORY)
                        .notifications())
                .extracting(PlannedNotification::recipient)
                .containsExactly("dir-support");
    }

    @Test
    void shouldNeverTellTheCustomerOfAnEscalationTicketAboutABreach() {
        var plan = planner.threshold(EventType.SLA_BREACHED, breach("billing"), ESCALATION, DIRECTORY);

        assertThat(plan.notifications())
                .extracting(PlannedNotification::recipientRole)
                .containsExactly(RecipientRole.MANAGER);
        assertThat(plan.parkCustomerNotice()).isFalse();
    }

    @Test
    void shouldParkTheCustomerNoticeOfABreachWhenTheTicketIsNotKnownYet() {
        var plan = planner.threshold(EventType.SLA_BREACHED, breach("billing"), null, DIRECTORY);

        assertThat(plan.notifications())
                .extracting(PlannedNotification::recipient)
                .containsExactly("mgr-billing");
        assertThat(plan.parkCustomerNotice()).isTrue();
    }

    @Test
    void shouldAcknowledgeTheCustomerByLowerCasedEmailButNeverForAnEscalationTicket() {
        assertThat(planner.acknowledgement(SUPPORT))
                .get()
                .extracting(PlannedNotification::recipient, PlannedNotification::kind)
                .containsExactly("ann@example.com", NotificationKind.TICKET_ACKNOWLEDGED);
        assertThat(planner.acknowledgement(ESCALATION)).isEmpty();
    }

    @Test
    void shouldAddressACustomerWithoutEmailByCustomerId() {
        var noEmail = new TicketInfo(TICKET, TicketType.QUESTION, "How to export?", "cust-42", " ");

        assertThat(planner.acknowledgement(noEmail))
                .get()
                .extracting(PlannedNotification::recipient)
                .isEqualTo("cust-42");
    }

    @Test
    void shouldGoOneLevelUpWhenALevelHasNobody() {
        var noAssignee = warning(50, null, "lead-billing");
        assertThat(planner.threshold(EventType.SLA_WARNING, noAssignee, SUPPORT, DIRECTORY)
                        .notifications())
                .extracting(PlannedNotification::recipient, PlannedNotification::recipientRole)
                .containsExactly(tuple("lead-billing", RecipientRole.TEAM_LEAD));

        var noLeadInEvent = warning(75, "agent-7", null);
        assertThat(planner.threshold(EventType.SLA_WARNING, noLeadInEvent, SUPPORT, DIRECTORY)
                        .notifications())
                .extracting(PlannedNotification::recipient)
                .as("the directory's team lead")
                .containsExactly("lead-billing-dir");

        var nobody = new SlaWarning(TICKET, SlaClock.RESPONSE, 75, Priority.P2, T, null, "product", null, T);
        assertThat(planner.threshold(EventType.SLA_WARNING, nobody, SUPPORT, DIRECTORY)
                        .notifications())
                .extracting(PlannedNotification::recipient, PlannedNotification::recipientRole)
                .as("no lead for product: the default manager")
                .containsExactly(tuple("mgr-support", RecipientRole.MANAGER));
        assertThat(strictPlanner
                        .threshold(EventType.SLA_WARNING, nobody, SUPPORT, DIRECTORY)
                        .notifications())
                .isEmpty();
    }

    @Test
    void shouldTellTheAssignedAgentWithTheirName() {
        var assigned = new TicketAssigned(
                TICKET, "billing", "Billing", "agent-7", "Ada", "lead-billing", "billing", "category billing", T);

        var planned = planner.assignment(assigned, SUPPORT, DIRECTORY);

        assertThat(planned).get().satisfies(p -> {
            assertThat(p.recipient()).isEqualTo("agent-7");
            assertThat(p.recipientRole()).isEqualTo(RecipientRole.AGENT);
            assertThat(p.kind()).isEqualTo(NotificationKind.TICKET_ASSIGNED);
            assertThat(p.model()).containsEntry("recipient_name", "Ada").containsEntry("subject", "Charged twice");
        });
        var teamOnly = new TicketAssigned(TICKET, "billing", "Billing", null, null, null, "billing", null, T);
        assertThat(planner.assignment(teamOnly, SUPPORT, DIRECTORY)).isEmpty();
    }

    @Test
    void shouldGiveCustomerMessagesOnlyCustomerFields() {
        var plan = planner.threshold(EventType.SLA_BREACHED, breach("billing"), SUPPORT, DIRECTORY);

        assertThat(plan.notifications())
                .filteredOn(p -> p.recipientRole() == RecipientRole.CUSTOMER)
                .singleElement()
                .satisfies(p -> assertThat(p.model().keySet())
                        .containsExactlyInAnyOrder("ticket_id", "subject", "support_name")
                        .isSubsetOf(NotificationPlanner.CUSTOMER_FIELDS));
    }

    @Test
    void shouldMapThresholdEventsToLevels() {
        assertThat(SlaLevel.of(EventType.SLA_WARNING, 50)).isEqualTo(SlaLevel.ASSIGNEE);
        assertThat(SlaLevel.of(EventType.SLA_WARNING, 0)).isEqualTo(SlaLevel.ASSIGNEE);
        assertThat(SlaLevel.of(EventType.SLA_WARNING, 75)).isEqualTo(SlaLevel.TEAM_LEAD);
        assertThat(SlaLevel.of(EventType.SLA_WARNING, 90)).isEqualTo(SlaLevel.TEAM_LEAD);
        assertThat(SlaLevel.of(EventType.SLA_BREACHED, 0)).isEqualTo(SlaLevel.MANAGER);
        assertThat(SlaLevel.of(EventType.SLA_ESCALATED, 125)).isEqualTo(SlaLevel.DIRECTOR);
    }

    private static SlaThresholdReached warning(int percent, String assignee, String lead) {
        return new SlaWarning(TICKET, SlaClock.RESPONSE, percent, Priority.P2, T, assignee, "billing", lead, T);
    }

    private static SlaThresholdReached breach(String team) {
        return new SlaBreached(TICKET, SlaClock.RESPONSE, 100, Priority.P1, T, "agent-7", team, "lead-billing", T);
    }
}
