package io.ticketsuite.notification.messaging;

import static io.ticketsuite.notification.TestEvents.created;
import static io.ticketsuite.notification.TestEvents.email;
import static io.ticketsuite.notification.TestEvents.inbox;
import static io.ticketsuite.notification.TestEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.NotificationDelivered;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaBreached;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.SlaEscalated;
import io.ticketsuite.events.SlaWarning;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.Topics;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Events in on the real broker, notifications out in the inbox (PostgreSQL) and on notification-events. */
@QuarkusTest
@QuarkusTestResource(
        value = TestInfrastructure.class,
        initArgs = @ResourceArg(name = "service", value = "notification"))
class NotificationFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(40);

    @Test
    void shouldAcknowledgeTheCustomerOnceAndAnnounceTheDelivery() {
        UUID ticket = UUID.randomUUID();
        String email = email();
        EventEnvelope<TicketCreated> event =
                publish(created(ticket, TicketType.SUPPORT, email.toUpperCase(), "Invoice shows two charges"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(inbox(email)).hasSize(1));
        Map<String, Object> ack = inbox(email).get(0);
        assertThat(ack)
                .containsEntry("recipient", email)
                .containsEntry("recipient_role", "CUSTOMER")
                .containsEntry("kind", "ticket-acknowledged")
                .containsEntry("ticket_id", ticket.toString())
                .containsEntry("source_event_id", event.id().toString())
                .containsEntry("subject", "We received your request: Invoice shows two charges");
        assertThat((String) ack.get("body")).contains(ticket.toString()).doesNotContain("internal note");

        try (TopicProbe probe = TopicProbe.from(Topics.NOTIFICATION_EVENTS)) {
            List<ConsumerRecord<String, String>> delivered =
                    probe.await(r -> ticket.toString().equals(r.key()), 1, WAIT);
            assertThat(delivered).hasSize(1);
            ConsumerRecord<String, String> record = delivered.get(0);
            assertThat(TopicProbe.header(record, CloudEventHeaders.TYPE)).isEqualTo("notification.delivered");
            assertThat(TopicProbe.header(record, CloudEventHeaders.SOURCE)).isEqualTo("notification-service");
            NotificationDelivered data =
                    (NotificationDelivered) EventCodec.decode(TopicProbe.headers(record), record.value())
                            .data();
            assertThat(data.recipient()).isEqualTo(email);
            assertThat(data.recipientRole()).isEqualTo("CUSTOMER");
            assertThat(data.channel()).isEqualTo("in-app");
            assertThat(data.kind()).isEqualTo("ticket-acknowledged");
            assertThat(data.sourceEventId()).isEqualTo(event.id());
            assertThat(data.notificationId().toString()).isEqualTo(ack.get("id"));
        }
    }

    @Test
    void shouldAcknowledgeEventsNoWebhookWantsWithoutATransaction() {
        // no subscription and no chat URL in this application: the webhook consumer has nothing to queue
        double before = webhookOutcome("ignored");
        String email = email();
        publish(created(UUID.randomUUID(), TicketType.SUPPORT, email, "Nobody subscribed"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(inbox(email)).hasSize(1));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(webhookOutcome("ignored")).isGreaterThan(before));
        assertThat(webhookOutcome("processed"))
                .as("no processed-event row, no transaction")
                .isZero();
    }

    /** The webhook consumer's ticket.created events with that outcome, from /q/metrics. */
    private static double webhookOutcome(String outcome) {
        String metrics = io.restassured.RestAssured.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return metrics.lines()
                .filter(l -> l.startsWith("ts_events_consumed_total{")
                        && l.contains("consumer=\"notification.webhooks\"")
                        && l.contains("type=\"ticket.created\"")
                        && l.contains("outcome=\"" + outcome + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void shouldNeverTellTheCustomerAboutAnEscalationTicket() {
        UUID escalation = UUID.randomUUID();
        String email = email();
        publish(created(escalation, TicketType.ESCALATION, email, "Delivery delay at ACME, relationship at risk"));
        // a marker on the same partition, behind it: once the marker is acknowledged, the escalation was processed
        String markerEmail = email();
        publish(
                EventEnvelope.of(
                        "test", created(UUID.randomUUID(), TicketType.SUPPORT, markerEmail, "marker"), Instant.now()),
                escalation.toString());
        await().atMost(WAIT).untilAsserted(() -> assertThat(inbox(markerEmail)).hasSize(1));

        publish(new SlaBreached(
                escalation,
                SlaClock.RESPONSE,
                100,
                Priority.P2,
                Instant.now(),
                "agent-1",
                "billing",
                "lead-1",
                Instant.now()));
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(inbox("mgr-billing", escalation)).hasSize(1));

        assertThat(inbox(email))
                .as("the customer of an internal ticket hears nothing")
                .isEmpty();
    }

    @Test
    void shouldTellTheAssignedAgentOnceHoweverOftenTheEventArrives() {
        UUID ticket = UUID.randomUUID();
        String agent = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        EventEnvelope<TicketAssigned> assigned = EventEnvelope.of(
                "test",
                new TicketAssigned(
                        ticket,
                        "billing",
                        "Billing",
                        agent,
                        "Ada Lovelace",
                        "lead-billing",
                        "billing",
                        "category billing",
                        Instant.now()),
                Instant.now());
        publish(assigned);
        publish(assigned);
        publish(assigned);
        String marker = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        publish(new TicketAssigned(
                ticket, "billing", "Billing", marker, "Marker", null, "billing", null, Instant.now()));

        await().atMost(WAIT).untilAsserted(() -> assertThat(inbox(marker)).hasSize(1));
        List<Map<String, Object>> agentInbox = inbox(agent);
        assertThat(agentInbox).hasSize(1);
        assertThat(agentInbox.get(0))
                .containsEntry("recipient_role", "AGENT")
                .containsEntry("kind", "ticket-assigned")
                .containsEntry("source_event_id", assigned.id().toString());
        assertThat((String) agentInbox.get(0).get("body")).startsWith("Hello Ada Lovelace,");
    }

    @Test
    void shouldDeliverOneNotificationPerEventAndRecipientOnDuplicates() {
        UUID ticket = UUID.randomUUID();
        String email = email();
        EventEnvelope<TicketCreated> event = EventEnvelope.of(
                "test", created(ticket, TicketType.QUESTION, email, "How do I export?"), Instant.now());
        for (int i = 0; i < 4; i++) {
            publish(event);
        }
        String markerEmail = email();
        publish(
                EventEnvelope.of(
                        "test", created(UUID.randomUUID(), TicketType.SUPPORT, markerEmail, "marker"), Instant.now()),
                ticket.toString());

        await().atMost(WAIT).untilAsserted(() -> assertThat(inbox(markerEmail)).hasSize(1));
        assertThat(inbox(email)).hasSize(1);
        try (TopicProbe probe = TopicProbe.from(Topics.NOTIFICATION_EVENTS)) {
            probe.await(r -> ticket.toString().equals(r.key()), 1, WAIT);
            assertThat(probe.drain(r -> ticket.toString().equals(r.key()), Duration.ofSeconds(2)))
                    .as("one notification.delivered")
                    .hasSize(1);
        }
    }

    @Test
    void shouldTellTheManagerAndTheCustomerOfABreach() {
        UUID ticket = UUID.randomUUID();
        String email = email();
        publish(created(ticket, TicketType.SUPPORT, email, "API returns 500"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(inbox(email)).hasSize(1));

        EventEnvelope<SlaBreached> breach = publish(new SlaBreached(
                ticket,
                SlaClock.RESPONSE,
                100,
                Priority.P1,
                Instant.now(),
                "agent-7",
                "billing",
                "lead-billing",
                Instant.now()));

        await().atMost(WAIT).untilAsserted(() -> assertThat(inbox(email)).hasSize(2));
        assertThat(inbox(email).get(0))
                .containsEntry("kind", "sla-breached-customer")
                .containsEntry("source_event_id", breach.id().toString());
        String customerText =
                inbox(email).get(0).get("subject") + " " + inbox(email).get(0).get("body");
        assertThat(customerText).doesNotContain("P1", "billing", "agent-7", "lead-billing", "RESPONSE");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(inbox("mgr-billing", ticket)).hasSize(1));
        assertThat(inbox("mgr-billing", ticket).get(0))
                .containsEntry("recipient_role", "MANAGER")
                .containsEntry("kind", "sla-breached-manager");
        assertThat(inbox("agent-7", ticket))
                .as("a breach is not the assignee's message")
                .isEmpty();
    }

    @Test
    void shouldTellTheCustomerOfABreachThatArrivedBeforeTheTicket() {
        UUID ticket = UUID.randomUUID();
        String email = email();
        publish(new SlaBreached(
                ticket, SlaClock.RESOLUTION, 100, Priority.P2, Instant.now(), null, "security", null, Instant.now()));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(inbox("mgr-security", ticket)).hasSize(1));
        assertThat(inbox(email)).isEmpty();

        publish(created(ticket, TicketType.SUPPORT, email, "Someone logged into my account"));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(inbox(email))
                        .extracting(n -> n.get("kind"))
                        .containsExactlyInAnyOrder("ticket-acknowledged", "sla-breached-customer"));
    }

    @Test
    void shouldClimbTheLadderFromAssigneeToDirector() {
        UUID ticket = UUID.randomUUID();
        String agent = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        String lead = "lead-" + UUID.randomUUID().toString().substring(0, 8);
        Instant due = Instant.now().plusSeconds(600);
        publish(new SlaWarning(ticket, SlaClock.RESPONSE, 50, Priority.P2, due, agent, "devrel", lead, Instant.now()));
        publish(new SlaWarning(ticket, SlaClock.RESPONSE, 75, Priority.P2, due, agent, "devrel", lead, Instant.now()));
        publish(new SlaEscalated(
                ticket, SlaClock.RESPONSE, 125, Priority.P2, due, agent, "devrel", lead, Instant.now()));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(inbox("dir-support", ticket)).hasSize(1));
        assertThat(inbox(agent)).extracting(n -> n.get("kind")).containsExactly("sla-warning-assignee");
        assertThat(inbox(lead)).extracting(n -> n.get("kind")).containsExactly("sla-warning-team-lead");
        assertThat(inbox("dir-support", ticket).get(0)).containsEntry("kind", "sla-escalated-director");
        assertThat(inbox("mgr-devrel", ticket)).as("no manager below 100 %").isEmpty();
    }
}
