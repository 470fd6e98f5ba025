package io.ticketsuite.notification;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.ticketsuite.events.Channel;
import io.ticketsuite.events.Customer;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.testkit.TestTokens;
import io.ticketsuite.testkit.TopicProbe;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes events as their producers would (key = ticket id, CloudEvents headers) and reads inboxes (as an admin,
 * who may read anyone's).
 */
public final class TestEvents {
    private TestEvents() {}

    public static <T extends EventData> EventEnvelope<T> publish(T data) {
        EventEnvelope<T> envelope = EventEnvelope.of("test", data, Instant.now());
        publish(envelope);
        return envelope;
    }

    public static void publish(EventEnvelope<?> envelope) {
        publish(envelope, envelope.subject());
    }

    /** Publishes under another key: lands on that key's partition, behind what was published there before. */
    public static void publish(EventEnvelope<?> envelope, String key) {
        TopicProbe.publish(envelope, key);
    }

    public static TicketCreated created(UUID ticketId, TicketType type, String email, String subject) {
        return new TicketCreated(
                ticketId,
                type,
                type == TicketType.ESCALATION ? Channel.API : Channel.EMAIL,
                subject,
                "internal note: customer is on a renewal call next week",
                new Customer("cust-" + ticketId.toString().substring(0, 8), email, CustomerTier.ENTERPRISE, "en"),
                List.of(),
                null,
                TicketStatus.NEW,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public static String email() {
        return "customer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** A recipient's inbox (first 200), newest first. */
    public static List<Map<String, Object>> inbox(String recipient) {
        return page(recipient, 0, 200).getList("items");
    }

    /** A recipient's notifications about one ticket. */
    public static List<Map<String, Object>> inbox(String recipient, UUID ticketId) {
        return inbox(recipient).stream()
                .filter(n -> ticketId.toString().equals(n.get("ticket_id")))
                .toList();
    }

    /** One page of a recipient's inbox, read by an admin. */
    public static JsonPath page(String recipient, int page, int size) {
        return given().auth()
                .oauth2(TestTokens.admin())
                .queryParam("recipient", recipient)
                .queryParam("page", page)
                .queryParam("size", size)
                .when()
                .get("/api/v1/notifications")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
