package io.ticketsuite.triage.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ticketsuite.events.Channel;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.Customer;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.IssueRecurringDetected;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.Topics;
import io.ticketsuite.testkit.TestTokens;
import io.ticketsuite.testkit.TopicProbe;
import io.ticketsuite.triage.TicketSamples;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Recurring issues on a real broker and PostgreSQL: similar tickets from different customers form a cluster that is
 * announced once at size 3 (issue.recurring-detected on triage-events), grows without a second announcement at 4,
 * and is listed at GET /api/v1/recurring with the terms its tickets share; unrelated tickets form none; redelivered
 * events change nothing.
 */
@QuarkusTest
class RecurringDetectionTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(3);

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    private TopicProbe triageEvents;

    @BeforeEach
    void subscribe() {
        triageEvents = TopicProbe.from(Topics.TRIAGE_EVENTS);
    }

    @AfterEach
    void close() {
        triageEvents.close();
    }

    @Test
    void shouldAnnounceThreeParaphrasesFromThreeCustomersOnceAndLetTheClusterGrowQuietly() throws Exception {
        double detectedBefore = detected("3");
        List<EventEnvelope<TicketCreated>> tickets = List.of(
                ticket(
                        "c-ann",
                        "Outlook calendar sync creates duplicate events",
                        "Since yesterday every meeting synced to my Outlook calendar shows up twice."),
                ticket(
                        "c-bob",
                        "Duplicate meetings after calendar sync",
                        "The Outlook sync duplicated all our calendar events, each meeting now appears two times."),
                ticket(
                        "c-cho",
                        "Calendar events duplicated in Outlook",
                        "After syncing, our Outlook calendar has duplicate copies of each event and meeting."));
        List<UUID> ids = tickets.stream().map(t -> t.data().ticketId()).toList();

        for (EventEnvelope<TicketCreated> t : tickets) {
            publishAndAwaitTriage(t);
        }

        List<ConsumerRecord<String, String>> detections = triageEvents.await(recurringAbout(ids), 1, WAIT);
        IssueRecurringDetected detected = decode(detections.get(0));
        assertThat(detections.get(0).key()).isEqualTo(ids.get(2).toString());
        assertThat(detected.ticketId()).isEqualTo(ids.get(2));
        assertThat(detected.relatedTicketIds()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(detected.count()).isEqualTo(3);
        assertThat(detected.clusterId()).isNotNull();
        assertThat(detected.sharedTerms()).contains("outlook", "calendar", "duplic");
        assertThat(detected.category()).isNotBlank();
        assertThat(detected.signature()).startsWith(detected.category() + ":");
        assertThat(detected.detectedAt()).isNotNull();
        await().atMost(WAIT).until(() -> detected("3") >= detectedBefore + 1);

        // a fourth paraphrase: the cluster grows to 4, no second detection
        EventEnvelope<TicketCreated> fourth = ticket(
                "c-dan",
                "Outlook sync keeps duplicating calendar meetings",
                "Each calendar sync adds another duplicate of every meeting in Outlook.");
        publishAndAwaitTriage(fourth);
        UUID cluster = detected.clusterId();
        await().atMost(WAIT)
                .until(() -> count("SELECT count(*) FROM recurring_member WHERE cluster_id = ?", cluster) == 4);

        // redelivery: the same event again (inbox), and the same ticket under another event id (stored already)
        TicketSamples.publish(tickets.get(1));
        EventEnvelope<TicketCreated> again =
                TicketSamples.envelope(tickets.get(0).data());
        TicketSamples.publish(again);
        await().atMost(WAIT)
                .until(() -> count("SELECT count(*) FROM processed_event WHERE event_id = ?", again.id()) == 1);

        assertThat(triageEvents.drain(recurringAbout(ids), QUIET)).hasSize(1);
        assertThat(count("SELECT count(*) FROM recurring_member WHERE cluster_id = ?", cluster))
                .isEqualTo(4);
        assertThat(count("SELECT count(*) FROM recurring_announcement WHERE cluster_id = ?", cluster))
                .isEqualTo(1);
        assertThat(count("SELECT size FROM recurring_cluster WHERE cluster_id = ?", cluster))
                .isEqualTo(4);

        JsonPath page = given().auth()
                .oauth2(TestTokens.lead())
                .get("/api/v1/recurring?size=200")
                .then()
                .statusCode(200)
                .body("page", equalTo(0))
                .extract()
                .jsonPath();
        Map<String, Object> listed = page.getMap("items.find { it.cluster_id == '" + cluster + "' }");
        assertThat(listed).containsEntry("size", 4).containsEntry("last_announced_size", 3);
        assertThat((List<String>) listed.get("shared_terms")).contains("outlook", "calendar", "meet");
        List<Map<String, Object>> members = (List<Map<String, Object>>) listed.get("tickets");
        assertThat(members)
                .extracting(m -> UUID.fromString((String) m.get("ticket_id")))
                .containsExactlyInAnyOrder(
                        ids.get(0), ids.get(1), ids.get(2), fourth.data().ticketId());
        assertThat(members)
                .allSatisfy(m ->
                        assertThat(((Number) m.get("similarity")).doubleValue()).isBetween(0.35, 1.0));
    }

    @Test
    void shouldFindNoRecurringIssueAmongUnrelatedTickets() throws Exception {
        List<EventEnvelope<TicketCreated>> tickets = List.of(
                ticket(
                        "c-eve",
                        "Password reset email never arrives",
                        "I requested a password reset link three times but no email came."),
                ticket(
                        "c-fay",
                        "Feature request: dark mode",
                        "It would be great to have a dark theme for the mobile app."),
                ticket(
                        "c-gus",
                        "Webhook signature mismatch",
                        "Our webhook endpoint rejects your calls because the HMAC signature is wrong."));
        List<UUID> ids = tickets.stream().map(t -> t.data().ticketId()).toList();

        for (EventEnvelope<TicketCreated> t : tickets) {
            publishAndAwaitTriage(t);
        }

        assertThat(triageEvents.drain(recurringAbout(ids), QUIET)).isEmpty();
        for (UUID id : ids) {
            assertThat(count("SELECT count(*) FROM recurring_ticket WHERE ticket_id = ?", id))
                    .isEqualTo(1);
            assertThat(count("SELECT count(*) FROM recurring_member WHERE ticket_id = ?", id))
                    .isZero();
        }
    }

    @Test
    void shouldRefuseOutOfRangePagesAndStrangers() {
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/recurring?size=0")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("size"));
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/recurring?page=x")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("page"));
        given().auth()
                .oauth2(TestTokens.customer())
                .get("/api/v1/recurring")
                .then()
                .statusCode(403);
    }

    private void publishAndAwaitTriage(EventEnvelope<TicketCreated> ticket) {
        UUID id = ticket.data().ticketId();
        TicketSamples.publish(ticket);
        triageEvents.await(
                r -> id.toString().equals(r.key())
                        && "ticket.triaged".equals(TopicProbe.header(r, CloudEventHeaders.TYPE)),
                1,
                WAIT);
    }

    private static EventEnvelope<TicketCreated> ticket(String customer, String subject, String description) {
        UUID id = UUID.randomUUID();
        return TicketSamples.envelope(new TicketCreated(
                id,
                TicketType.SUPPORT,
                Channel.WEB,
                subject,
                description,
                new Customer(customer + "-" + id, customer + "@example.com", CustomerTier.PROFESSIONAL, "en"),
                List.of(),
                null,
                TicketStatus.NEW,
                Instant.now()));
    }

    /** issue.recurring-detected whose cluster holds any of these tickets. */
    private static Predicate<ConsumerRecord<String, String>> recurringAbout(List<UUID> ids) {
        Set<UUID> wanted = Set.copyOf(ids);
        return r -> "issue.recurring-detected".equals(TopicProbe.header(r, CloudEventHeaders.TYPE))
                && decode(r).relatedTicketIds().stream().anyMatch(wanted::contains);
    }

    private static IssueRecurringDetected decode(ConsumerRecord<String, String> record) {
        return (IssueRecurringDetected)
                EventCodec.decode(TopicProbe.headers(record), record.value()).data();
    }

    private double detected(String size) {
        Counter counter =
                registry.find("ts.triage.recurring.detected").tag("size", size).counter();
        return counter == null ? 0 : counter.count();
    }

    private long count(String sql, Object parameter) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
