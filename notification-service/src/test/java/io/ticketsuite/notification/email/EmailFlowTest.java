package io.ticketsuite.notification.email;

import static io.ticketsuite.notification.TestEvents.created;
import static io.ticketsuite.notification.TestEvents.email;
import static io.ticketsuite.notification.TestEvents.inbox;
import static io.ticketsuite.notification.TestEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.ticketsuite.events.AuthorRole;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.NotificationDelivered;
import io.ticketsuite.events.NotificationFailed;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaBreached;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketCommentAdded;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.Topics;
import io.ticketsuite.events.Visibility;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TopicProbe;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Outbound e-mail against a real SMTP server (GreenMail on a free port), the real broker and PostgreSQL: the
 * customer's acknowledgement arrives once with [TS-n] and the Message-ID scheme, however often its event is
 * redelivered; public replies and "waiting for you" go out, internal notes do not; staff are mailed when the
 * directory has their address; with the SMTP server down the message is retried, then notification.failed is
 * published and the in-app copy stays.
 */
@QuarkusTest
@TestProfile(EmailFlowTest.RealSmtp.class)
@QuarkusTestResource(
        value = TestInfrastructure.class,
        initArgs = @ResourceArg(name = "service", value = "notification"))
class EmailFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String PORT_PROPERTY = "notification-test.smtp-port";
    private static final String MESSAGE_ID = "<([0-9a-f-]{36})\\.([0-9a-f-]{36})@ticketsuite\\.local>";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
                    new ServerSetup(smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withPerMethodLifecycle(false);

    /** Real sending to the test's GreenMail, quick retries. */
    public static class RealSmtp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("notification.email.enabled", "true"),
                    Map.entry("quarkus.mailer.mock", "false"),
                    Map.entry("quarkus.mailer.host", "127.0.0.1"),
                    Map.entry("quarkus.mailer.port", String.valueOf(smtpPort())),
                    Map.entry("quarkus.mailer.keep-alive", "false"),
                    Map.entry("notification.email.initial-delay", "200ms"),
                    Map.entry("notification.email.every", "200ms"),
                    Map.entry("notification.email.backoff", "200ms"),
                    Map.entry("notification.email.max-backoff", "1s"),
                    Map.entry("notification.email.max-attempts", "3"),
                    Map.entry("notification.email.send-timeout", "5s"));
        }
    }

    /** One free port per test JVM (a system property, so the profile and the test agree whatever loads them). */
    static synchronized int smtpPort() {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = String.valueOf(socket.getLocalPort());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            System.setProperty(PORT_PROPERTY, port);
        }
        return Integer.parseInt(port);
    }

    @Test
    void shouldMailTheAcknowledgementOnceWithTheReferenceAndTheMessageId() throws Exception {
        UUID ticket = UUID.randomUUID();
        String address = email();
        String ref = "TS-" + ThreadLocalRandom.current().nextInt(1000, 1_000_000);
        EventEnvelope<TicketCreated> event = EventEnvelope.of(
                "test", created(ticket, TicketType.SUPPORT, address, "Invoice shows two charges"), Instant.now());
        for (int i = 0; i < 3; i++) {
            publishWithRef(event, ref); // redelivered
        }
        // a marker behind it on the same partition: once its mail is there, every copy above was processed
        String marker = email();
        publish(
                EventEnvelope.of(
                        "test", created(UUID.randomUUID(), TicketType.SUPPORT, marker, "marker"), Instant.now()),
                ticket.toString());
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(marker)).hasSize(1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address)).hasSize(1));
        Thread.sleep(1000); // a second copy would have been sent by now (the sweep runs every 200 ms)
        assertThat(mailsTo(address)).as("one e-mail per (event, recipient)").hasSize(1);

        MimeMessage mail = mailsTo(address).get(0);
        assertThat(mail.getSubject()).isEqualTo("[" + ref + "] We received your request: Invoice shows two charges");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("support@ticketsuite.local");
        assertThat(mail.getRecipients(Message.RecipientType.TO))
                .extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly(address);
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains(ticket.toString()).doesNotContain("internal note");

        List<Map<String, Object>> notices = inbox(address, ticket);
        assertThat(notices).hasSize(1);
        String notificationId = (String) notices.get(0).get("id");
        assertThat(mail.getMessageID())
                .matches(MESSAGE_ID)
                .isEqualTo("<" + notificationId + "." + ticket + "@ticketsuite.local>");

        try (TopicProbe probe = TopicProbe.from(Topics.NOTIFICATION_EVENTS)) {
            List<NotificationDelivered> delivered = probe
                    .await(
                            r -> isType(r, ticket, "notification.delivered")
                                    && delivered(r).channel().equals("email"),
                            1,
                            WAIT)
                    .stream()
                    .map(EmailFlowTest::delivered)
                    .filter(d -> d.channel().equals("email"))
                    .toList();
            assertThat(delivered).hasSize(1);
            assertThat(delivered.get(0).recipient()).isEqualTo(address);
            assertThat(delivered.get(0).kind()).isEqualTo("ticket-acknowledged");
            assertThat(delivered.get(0).notificationId()).hasToString(notificationId);
            assertThat(delivered.get(0).sourceEventId()).isEqualTo(event.id());
        }
    }

    @Test
    void shouldMailPublicRepliesAndWaitingForYouButNeverInternalNotes() throws Exception {
        UUID ticket = UUID.randomUUID();
        String address = email();
        String ref = "TS-" + ThreadLocalRandom.current().nextInt(1000, 1_000_000);
        publishWithRef(
                EventEnvelope.of("test", created(ticket, TicketType.SUPPORT, address, "Export fails"), Instant.now()),
                ref);
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address)).hasSize(1));

        publish(new TicketCommentAdded(
                ticket,
                UUID.randomUUID(),
                "agent-7",
                AuthorRole.AGENT,
                Visibility.INTERNAL,
                "customer is grumpy",
                Instant.now()));
        publish(new TicketCommentAdded(
                ticket, UUID.randomUUID(), "c-1", AuthorRole.CUSTOMER, Visibility.PUBLIC, "any news?", Instant.now()));
        publish(new TicketCommentAdded(
                ticket,
                UUID.randomUUID(),
                "agent-7",
                AuthorRole.AGENT,
                Visibility.PUBLIC,
                "Which browser do you use?",
                Instant.now()));
        publish(new TicketStatusChanged(
                ticket,
                TicketType.SUPPORT,
                TicketStatus.IN_PROGRESS,
                TicketStatus.WAITING_FOR_CUSTOMER,
                "asked for the browser",
                "agent-7",
                "AGENT",
                Instant.now()));

        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address)).hasSize(3));
        Thread.sleep(1000);
        List<MimeMessage> mails = mailsTo(address);
        assertThat(mails).hasSize(3);
        MimeMessage reply = mails.stream()
                .filter(m -> subject(m).contains("New reply"))
                .findFirst()
                .orElseThrow();
        assertThat(reply.getSubject()).isEqualTo("[" + ref + "] New reply to your request: Export fails");
        assertThat(GreenMailUtil.getBody(reply)).contains("Which browser do you use?");
        assertThat(mails)
                .extracting(EmailFlowTest::subject)
                .contains("[" + ref + "] We are waiting for your reply: Export fails");
        for (MimeMessage m : mails) {
            assertThat(GreenMailUtil.getBody(m)).doesNotContain("grumpy", "any news?");
        }
        assertThat(inbox(address, ticket))
                .extracting(n -> n.get("kind"))
                .containsExactlyInAnyOrder("ticket-acknowledged", "ticket-replied", "ticket-waiting-for-customer");
    }

    @Test
    void shouldMailTheResolutionAndTheSatisfactionQuestionOnceEach() throws Exception {
        UUID ticket = UUID.randomUUID();
        String address = email();
        String ref = "TS-" + ThreadLocalRandom.current().nextInt(1000, 1_000_000);
        publishWithRef(
                EventEnvelope.of("test", created(ticket, TicketType.SUPPORT, address, "Printer jams"), Instant.now()),
                ref);
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address)).hasSize(1));

        EventEnvelope<TicketStatusChanged> resolved = EventEnvelope.of(
                "test",
                new TicketStatusChanged(
                        ticket,
                        TicketType.SUPPORT,
                        TicketStatus.IN_PROGRESS,
                        TicketStatus.RESOLVED,
                        "fixed",
                        "agent-7",
                        "AGENT",
                        Instant.now(),
                        new io.ticketsuite.events.Resolution("fixed", "Cleaned the rollers", null)),
                Instant.now());
        publish(resolved);
        publish(resolved); // redelivered: nothing twice

        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address)).hasSize(3));
        Thread.sleep(1000);
        List<MimeMessage> mails = mailsTo(address);
        assertThat(mails).hasSize(3);
        MimeMessage question = mails.stream()
                .filter(m -> subject(m).contains("How did we do?"))
                .findFirst()
                .orElseThrow();
        assertThat(question.getSubject()).isEqualTo("[" + ref + "] How did we do? Printer jams");
        assertThat(GreenMailUtil.getBody(question)).contains("/satisfaction");
        assertThat(inbox(address, ticket))
                .extracting(n -> n.get("kind"))
                .containsExactlyInAnyOrder("ticket-acknowledged", "ticket-resolved", "csat-request");
    }

    @Test
    void shouldMailStaffOnlyWhenTheDirectoryHasTheirAddress() throws Exception {
        UUID ticket = UUID.randomUUID();
        String address = email();
        String ref = "TS-" + ThreadLocalRandom.current().nextInt(1000, 1_000_000);
        publishWithRef(
                EventEnvelope.of(
                        "test", created(ticket, TicketType.SUPPORT, address, "API returns 500"), Instant.now()),
                ref);
        // the ticket (and its reference) is known before the breach arrives on another topic, as in real life
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address)).hasSize(1));
        String agent = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        publish(new TicketAssigned(ticket, "billing", "Billing", agent, "Ada", null, "billing", null, Instant.now()));
        publish(new SlaBreached(
                ticket, SlaClock.RESPONSE, 100, Priority.P1, Instant.now(), agent, "billing", null, Instant.now()));

        // mgr-billing is in the directory with an address
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(mailsTo("blake.moreau@ticketsuite.io").stream()
                                .filter(m -> header(m, "X-TicketSuite-Ticket").equals(ticket.toString())))
                        .hasSize(1));
        MimeMessage manager = mailsTo("blake.moreau@ticketsuite.io").stream()
                .filter(m -> header(m, "X-TicketSuite-Ticket").equals(ticket.toString()))
                .findFirst()
                .orElseThrow();
        assertThat(manager.getSubject()).startsWith("[" + ref + "] ");
        assertThat(GreenMailUtil.getBody(manager)).contains("P1");
        String managerNotice = (String) inbox("mgr-billing", ticket).get(0).get("id");
        assertThat(manager.getMessageID()).isEqualTo("<" + managerNotice + "." + ticket + "@ticketsuite.local>");
        // the customer gets the breach notice by mail too (ack + breach), without internals
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address)).hasSize(2));
        for (MimeMessage m : mailsTo(address)) {
            assertThat(m.getSubject() + GreenMailUtil.getBody(m)).doesNotContain("P1", agent, "billing");
        }
        // the agent has no address in the directory: told in-app only (the assignment comes on routing-events, a
        // consumer of its own that may apply it after the breach)
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(inbox(agent, ticket)).hasSize(1));
        assertThat(Arrays.stream(SMTP.getReceivedMessages())
                        .filter(m -> header(m, "X-TicketSuite-Ticket").equals(ticket.toString())))
                .as("customer ack + customer breach + manager; nothing for the agent")
                .hasSize(3);
    }

    @Test
    void shouldRetryThenPublishNotificationFailedAndKeepTheInAppCopyWhenSmtpIsDown() {
        UUID ticket = UUID.randomUUID();
        String address = email();
        SMTP.stop();
        try {
            EventEnvelope<TicketCreated> event =
                    publish(created(ticket, TicketType.SUPPORT, address, "Nobody can log in"));
            try (TopicProbe probe = TopicProbe.from(Topics.NOTIFICATION_EVENTS)) {
                List<ConsumerRecord<String, String>> failed =
                        probe.await(r -> isType(r, ticket, "notification.failed"), 1, WAIT);
                assertThat(failed).hasSize(1);
                NotificationFailed data = (NotificationFailed) EventCodec.decode(
                                TopicProbe.headers(failed.get(0)), failed.get(0).value())
                        .data();
                assertThat(data.channel()).isEqualTo("email");
                assertThat(data.recipient()).isEqualTo(address);
                assertThat(data.kind()).isEqualTo("ticket-acknowledged");
                assertThat(data.reason()).contains("after 3 attempts");

                List<Map<String, Object>> notices = inbox(address, ticket);
                assertThat(notices).as("the in-app copy stays").hasSize(1);
                assertThat(notices.get(0))
                        .containsEntry("source_event_id", event.id().toString());
                assertThat(data.notificationId())
                        .hasToString((String) notices.get(0).get("id"));
                assertThat(probe.drain(r -> isType(r, ticket, "notification.failed"), Duration.ofSeconds(2)))
                        .as("given up once")
                        .hasSize(1);
                assertThat(probe.drain(r -> isType(r, ticket, "notification.delivered"), Duration.ZERO).stream()
                                .map(EmailFlowTest::delivered)
                                .filter(d -> d.channel().equals("email")))
                        .isEmpty();
            }
        } finally {
            SMTP.start();
        }
        assertThat(mailsTo(address)).isEmpty();
        // counted after the sweep's transactions committed: two retried attempts and one given up, and the gauge
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(metrics())
                        .contains("ts_notification_email_retried_total{kind=\"ticket-acknowledged\"")
                        .contains("ts_notification_email_failed_total{kind=\"ticket-acknowledged\"")
                        .contains("ts_notification_email_queue"));
    }

    @Test
    void shouldCountSentMailAndShowTheQueueDepth() {
        String address = email();
        publish(created(UUID.randomUUID(), TicketType.QUESTION, address, "How do I export?"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address)).hasSize(1));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(metrics())
                        .containsPattern("ts_notification_email_sent_total\\{kind=\"ticket-acknowledged\",?} [1-9]")
                        .containsPattern("ts_notification_email_queue(\\{})? 0"));
    }

    private static String metrics() {
        return io.restassured.RestAssured.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /** Publishes {@code event} (same id: a redelivery is the same event) as intake writes it, with its ref. */
    private static void publishWithRef(EventEnvelope<TicketCreated> event, String ref) {
        TicketCreated c = event.data();
        publish(new EventEnvelope<>(
                event.id(),
                event.type(),
                event.source(),
                event.time(),
                new TicketCreated(
                        c.ticketId(),
                        c.type(),
                        c.channel(),
                        c.subject(),
                        c.description(),
                        c.customer(),
                        c.tags(),
                        c.externalId(),
                        c.status(),
                        c.createdAt(),
                        c.support(),
                        c.escalation(),
                        c.followsUp(),
                        ref)));
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> recipients(m).contains(address))
                .toList();
    }

    private static List<String> recipients(MimeMessage m) {
        try {
            Address[] to = m.getRecipients(Message.RecipientType.TO);
            return to == null
                    ? List.of()
                    : Arrays.stream(to)
                            .map(a -> ((InternetAddress) a).getAddress())
                            .toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(MimeMessage m, String name) {
        try {
            String[] values = m.getHeader(name);
            return values == null ? "" : values[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isType(ConsumerRecord<String, String> r, UUID ticket, String type) {
        return ticket.toString().equals(r.key()) && type.equals(TopicProbe.header(r, CloudEventHeaders.TYPE));
    }

    private static NotificationDelivered delivered(ConsumerRecord<String, String> r) {
        return (NotificationDelivered)
                EventCodec.decode(TopicProbe.headers(r), r.value()).data();
    }
}
