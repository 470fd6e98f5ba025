package io.ticketsuite.reporting;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.testkit.TestTokens;
import io.ticketsuite.testkit.TopicProbe;
import java.time.Instant;

/** Publishes events as their producers would (key = ticket id, CloudEvents headers) and reads summaries. */
public final class TestEvents {
    private TestEvents() {}

    public static <T extends EventData> EventEnvelope<T> envelope(T data) {
        return EventEnvelope.of("test", data, Instant.now());
    }

    public static <T extends EventData> EventEnvelope<T> publish(T data) {
        EventEnvelope<T> envelope = envelope(data);
        publish(envelope);
        return envelope;
    }

    public static void publish(EventEnvelope<?> envelope) {
        TopicProbe.publish(envelope);
    }

    public static JsonPath summary(Instant from, Instant to) {
        return given().auth()
                .oauth2(TestTokens.lead())
                .queryParam("from", from.toString())
                .queryParam("to", to.toString())
                .when()
                .get("/api/v1/reports/summary")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
