package io.ticketsuite.triage.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.Topics;
import io.ticketsuite.testkit.TestTokens;
import io.ticketsuite.testkit.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The kit's dead-letter API, as every service exposes it: a record the consumer can never process lands on
 * {@code triage-service-dlq}; an admin lists it with its reason and re-drives it to the topic it came from, with its
 * key, value and CloudEvents headers.
 */
@QuarkusTest
class DeadLetterRedriveTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DLQ = Topics.deadLetterTopic("triage-service");

    @Test
    void anAdminListsADeadLetterWithItsReasonAndReDrivesItToItsTopic() {
        String key = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        String value = "{\"ticket_id\": \"" + key + "\", \"subject\": 42}";
        try (TopicProbe dead = TopicProbe.from(DLQ);
                TopicProbe tickets = TopicProbe.from(Topics.TICKET_EVENTS)) {
            TopicProbe.publish(
                    Topics.TICKET_EVENTS,
                    key,
                    value,
                    Map.of(
                            CloudEventHeaders.ID, eventId,
                            CloudEventHeaders.TYPE, "ticket.created",
                            CloudEventHeaders.SOURCE, "test",
                            CloudEventHeaders.SPEC_VERSION, "1.0",
                            CloudEventHeaders.TIME, Instant.now().toString()));
            assertThat(dead.await(r -> key.equals(r.key()), 1, WAIT)).hasSize(1);

            // listed with its reason and origin
            JsonPath listed = given().auth()
                    .oauth2(TestTokens.admin())
                    .queryParam("size", 200)
                    .get("/api/v1/admin/dead-letters")
                    .then()
                    .statusCode(200)
                    .body("topic", equalTo(DLQ))
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> items = listed.getList("items");
            Map<String, Object> letter = items.stream()
                    .filter(i -> key.equals(i.get("key")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("dead letter " + key + " not listed: " + items));
            assertThat(letter.get("event_id")).isEqualTo(eventId);
            assertThat(letter.get("event_type")).isEqualTo("ticket.created");
            assertThat(letter.get("original_topic")).isEqualTo(Topics.TICKET_EVENTS);
            assertThat((String) letter.get("reason")).isNotBlank();
            assertThat(letter.get("value")).isEqualTo(value);

            // only admins may see or re-drive them
            given().auth()
                    .oauth2(TestTokens.lead())
                    .get("/api/v1/admin/dead-letters")
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(TestTokens.admin())
                    .contentType("application/json")
                    .body("{}")
                    .post("/api/v1/admin/dead-letters/replay")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");

            // re-driven: the same key, value and event id on ticket-events again, marked where it came from
            given().auth()
                    .oauth2(TestTokens.admin())
                    .contentType("application/json")
                    .body(Map.of(
                            "records",
                            List.of(Map.of("partition", letter.get("partition"), "offset", letter.get("offset")))))
                    .post("/api/v1/admin/dead-letters/replay")
                    .then()
                    .statusCode(200)
                    .body("replayed", equalTo(1))
                    .body("records[0].to_topic", equalTo(Topics.TICKET_EVENTS))
                    .body("records[0].event_id", equalTo(eventId));
            List<ConsumerRecord<String, String>> copies = tickets.await(r -> key.equals(r.key()), 2, WAIT);
            ConsumerRecord<String, String> again = copies.get(1);
            assertThat(again.value()).isEqualTo(value);
            assertThat(TopicProbe.header(again, CloudEventHeaders.ID)).isEqualTo(eventId);
            assertThat(TopicProbe.header(again, "ts-redriven-from")).startsWith(DLQ + "-");
            assertThat(TopicProbe.header(again, "dead-letter-reason")).isNull();
            // still poison: it is dead-lettered again rather than lost or looping
            assertThat(dead.await(r -> key.equals(r.key()), 2, WAIT)).hasSize(2);
        }
    }
}
