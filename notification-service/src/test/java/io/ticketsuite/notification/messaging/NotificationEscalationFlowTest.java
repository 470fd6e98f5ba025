package io.ticketsuite.notification.messaging;

import static io.restassured.RestAssured.given;
import static io.ticketsuite.notification.TestEvents.created;
import static io.ticketsuite.notification.TestEvents.email;
import static io.ticketsuite.notification.TestEvents.inbox;
import static io.ticketsuite.notification.TestEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.events.EscalationTarget;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.Resolution;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketEscalated;
import io.ticketsuite.events.TicketReassigned;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.Topics;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import io.ticketsuite.testkit.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** ticket.escalated, ticket.reassigned and a resolution over the real broker, into the inbox and notification-events. */
@QuarkusTest
@QuarkusTestResource(
        value = TestInfrastructure.class,
        initArgs = @ResourceArg(name = "service", value = "notification"))
class NotificationEscalationFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(40);

    private static String staffId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A marker on the ticket's partition: once its agent is told, everything published before was processed. */
    private static void awaitProcessed(UUID ticket) {
        String marker = staffId("marker");
        publish(new TicketAssigned(
                ticket, "billing", "Billing", marker, "Marker", null, "billing", null, Instant.now()));
        await().atMost(WAIT).untilAsserted(() -> assertThat(inbox(marker)).hasSize(1));
    }

    @Test
    void shouldPageEveryTargetOfAnImmediateEscalationOnceWithLevelRuleReasonAndDeadline() {
        UUID ticket = UUID.randomUUID();
        String lead = staffId("lead-security");
        String ciso = staffId("ciso");
        Instant ackBy = Instant.now().plusSeconds(900).truncatedTo(ChronoUnit.SECONDS);
        EventEnvelope<TicketEscalated> escalation = EventEnvelope.of(
                "test",
                new TicketEscalated(
                        ticket,
                        "L1",
                        "security",
                        "security incident reported",
                        Instant.now(),
                        UUID.randomUUID(),
                        "security-incident",
                        List.of(
                                new EscalationTarget(lead, "Sam Lead", "team-lead"),
                                new EscalationTarget(ciso, "Casey Ciso", "ciso")),
                        ackBy,
                        true),
                Instant.now());
        publish(escalation);
        publish(escalation); // redelivered

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(inbox(lead, ticket)).hasSize(1);
            assertThat(inbox(ciso, ticket)).hasSize(1);
        });
        awaitProcessed(ticket);
        Map<String, Object> page = inbox(ciso, ticket).get(0);
        assertThat(inbox(lead, ticket)).as("once per (event, recipient)").hasSize(1);
        assertThat(page)
                .containsEntry("kind", "ticket-escalated-page")
                .containsEntry("urgency", "PAGE")
                .containsEntry("recipient_role", "ESCALATION_TARGET")
                .containsEntry("source_event_id", escalation.id().toString());
        assertThat((String) page.get("subject"))
                .startsWith("PAGE — escalation L1")
                .contains(ackBy.toString());
        assertThat((String) page.get("body"))
                .contains("Casey Ciso (ciso)")
                .contains("Rule: security-incident. Reason: security incident reported.")
                .contains("Acknowledge by " + ackBy);

        // the target reads it in their own inbox with their own token
        List<Map<String, Object>> own = given().auth()
                .oauth2(TestTokens.staff(ciso, "lead"))
                .get("/api/v1/notifications")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        assertThat(own).extracting(n -> n.get("kind")).contains("ticket-escalated-page");

        try (TopicProbe probe = TopicProbe.from(Topics.NOTIFICATION_EVENTS)) {
            assertThat(probe.drain(r -> ticket.toString().equals(r.key()), Duration.ofSeconds(2)))
                    .as("two escalation deliveries and the marker's")
                    .hasSize(3);
        }
    }

    @Test
    void shouldSendAnOrdinaryMessageForAnEscalationWithADeadline() {
        UUID ticket = UUID.randomUUID();
        String lead = staffId("lead-billing");
        publish(new TicketEscalated(
                ticket,
                "L2",
                "billing",
                "SLA breached on a P2",
                Instant.now(),
                UUID.randomUUID(),
                "sla-breach-p1-p2",
                List.of(new EscalationTarget(lead, "Lee Lead", "team-lead")),
                Instant.now().plusSeconds(3600),
                false));

        await().atMost(WAIT).untilAsserted(() -> assertThat(inbox(lead, ticket)).hasSize(1));
        assertThat(inbox(lead, ticket).get(0))
                .containsEntry("kind", "ticket-escalated")
                .containsEntry("urgency", "NORMAL");
        assertThat((String) inbox(lead, ticket).get(0).get("body")).contains("at level L2");
    }

    @Test
    void shouldTellTheNewAgentAndThePreviousOneOfAReassignment() {
        UUID ticket = UUID.randomUUID();
        String from = staffId("agent-t1");
        String to = staffId("agent-t2");
        EventEnvelope<TicketReassigned> moved = EventEnvelope.of(
                "test",
                new TicketReassigned(
                        ticket, from, to, "tier2", "needs deeper analysis", Instant.now(), "tier1", "T2", "lead-1"),
                Instant.now());
        publish(moved);
        publish(moved);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(inbox(to, ticket)).hasSize(1);
            assertThat(inbox(from, ticket)).hasSize(1);
        });
        awaitProcessed(ticket);
        assertThat(inbox(to, ticket)).hasSize(1);
        assertThat(inbox(from, ticket)).hasSize(1);
        assertThat(inbox(to, ticket).get(0)).containsEntry("kind", "ticket-reassigned");
        assertThat((String) inbox(to, ticket).get(0).get("body"))
                .contains("is yours now")
                .contains("Reason: needs deeper analysis");
        assertThat(inbox(from, ticket).get(0)).containsEntry("kind", "ticket-moved-away");
    }

    @Test
    void shouldTellTheCustomerOfTheResolutionWithItsSummaryButNotOfOtherMoves() {
        UUID ticket = UUID.randomUUID();
        String email = email();
        publish(created(ticket, TicketType.SUPPORT, email, "Export fails"));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(inbox(email, ticket)).hasSize(1)); // acknowledgement

        publish(new TicketStatusChanged(
                ticket,
                TicketType.SUPPORT,
                TicketStatus.NEW,
                TicketStatus.IN_PROGRESS,
                null,
                "agent-1",
                Instant.now()));
        EventEnvelope<TicketStatusChanged> resolved = EventEnvelope.of(
                "test",
                new TicketStatusChanged(
                        ticket,
                        TicketType.SUPPORT,
                        TicketStatus.AWAITING_REVIEW,
                        TicketStatus.RESOLVED,
                        null,
                        "agent-1",
                        "AGENT",
                        Instant.now(),
                        new Resolution("fixed", "The export now includes archived rows.", null)),
                Instant.now());
        publish(resolved);
        publish(resolved);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(ofKind(inbox(email, ticket), "ticket-resolved"))
                        .hasSize(1));
        awaitProcessed(ticket);
        List<Map<String, Object>> told = ofKind(inbox(email, ticket), "ticket-resolved");
        assertThat(told)
                .as("once, however often the event came, and not for IN_PROGRESS")
                .hasSize(1);
        assertThat(told.get(0))
                .containsEntry("recipient_role", "CUSTOMER")
                .containsEntry("source_event_id", resolved.id().toString());
        assertThat((String) told.get(0).get("body")).contains("What we did: The export now includes archived rows.");
        assertThat(ofKind(inbox(email, ticket), "ticket-acknowledged")).hasSize(1);
    }

    private static List<Map<String, Object>> ofKind(List<Map<String, Object>> messages, String kind) {
        return messages.stream().filter(n -> kind.equals(n.get("kind"))).toList();
    }

    @Test
    void shouldNeverTellTheCustomerOfAnInternalTicketsResolution() {
        UUID ticket = UUID.randomUUID();
        String email = email();
        publish(created(ticket, TicketType.ESCALATION, email, "Scope creep at ACME"));
        publish(new TicketStatusChanged(
                ticket,
                TicketType.ESCALATION,
                TicketStatus.IN_PROGRESS,
                TicketStatus.RESOLVED,
                null,
                "lead-1",
                "LEAD",
                Instant.now(),
                new Resolution("fixed", "Scope agreed again", "agree scope in writing")));
        // a marker on the same topic and partition: a second customer's ticket created behind it
        String markerEmail = email();
        publish(
                EventEnvelope.of(
                        "test", created(UUID.randomUUID(), TicketType.SUPPORT, markerEmail, "marker"), Instant.now()),
                ticket.toString());
        await().atMost(WAIT).untilAsserted(() -> assertThat(inbox(markerEmail)).hasSize(1));

        assertThat(inbox(email)).isEmpty();
    }
}
