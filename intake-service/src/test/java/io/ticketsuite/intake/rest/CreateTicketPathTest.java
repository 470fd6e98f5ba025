package io.ticketsuite.intake.rest;

import static io.ticketsuite.intake.Api.asAgent;
import static io.ticketsuite.intake.Api.asChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.Topics;
import io.ticketsuite.intake.service.IdempotencyKeySweeper;
import io.ticketsuite.testkit.TopicProbe;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The create path writes ticket, outbox row and Idempotency-Key claim in one statement: what it returns is what is
 * stored and announced once, concurrent retries with one key make one ticket and one event, and expired keys are
 * forgotten.
 */
@QuarkusTest
class CreateTicketPathTest {

    @Inject
    Pool pool;

    @Inject
    IdempotencyKeySweeper sweeper;

    private static Response post(String body, String key) {
        var request = asChannel().contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/api/v1/tickets");
    }

    @Test
    void shouldStoreExactlyWhatItAnswered() {
        String customer = "c-" + UUID.randomUUID();
        Map<String, Object> created = post(TicketResourceTest.ticket(customer), null)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getMap("");
        Map<String, Object> read = asAgent()
                .get("/api/v1/tickets/" + created.get("id"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
        assertThat(read).isEqualTo(created);
        assertThat(createdEvents((String) created.get("id"))).hasSize(1);
    }

    @Test
    void shouldCarryTheCustomersTimeZoneToTheTicketAndItsEvent() {
        String body = TicketResourceTest.ticket("c-" + UUID.randomUUID())
                .replace("\"language\": \"en\"", "\"language\": \"en\", \"time_zone\": \"America/New_York\"");
        String id = post(body, null).then().statusCode(201).extract().path("id");

        asAgent()
                .get("/api/v1/tickets/" + id)
                .then()
                .statusCode(200)
                .body("customer.time_zone", equalTo("America/New_York"));
        assertThat(createdEvents(id).get(0).value()).contains("\"time_zone\":\"America/New_York\"");
    }

    @Test
    void shouldRefuseATimeZoneJavaTimeDoesNotKnow() {
        String body = TicketResourceTest.ticket("c-" + UUID.randomUUID())
                .replace("\"language\": \"en\"", "\"language\": \"en\", \"time_zone\": \"Mars/Olympus_Mons\"");

        post(body, null)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("customer.time_zone"));
    }

    /** The ticket.created events of a ticket on the topic, once they stopped arriving. */
    private static List<ConsumerRecord<String, String>> createdEvents(String ticketId) {
        try (TopicProbe probe = TopicProbe.from(Topics.TICKET_EVENTS)) {
            java.util.function.Predicate<ConsumerRecord<String, String>> created = r ->
                    ticketId.equals(r.key()) && "ticket.created".equals(TopicProbe.header(r, CloudEventHeaders.TYPE));
            probe.await(created, 1, Duration.ofSeconds(30));
            return probe.drain(created, Duration.ofSeconds(2));
        }
    }

    @Test
    void shouldMakeOneTicketFromConcurrentRetriesWithOneKey() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String key = "k-" + UUID.randomUUID();
        String body = TicketResourceTest.ticket(customer);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> post(body, key));
            }
            List<String> ids = new ArrayList<>();
            int replayed = 0;
            for (Future<Response> future : pool.invokeAll(calls)) {
                Response response = future.get();
                assertThat(response.statusCode()).isEqualTo(201);
                ids.add(response.path("id"));
                replayed += "true".equals(response.header("Idempotent-Replayed")) ? 1 : 0;
            }
            assertThat(ids).containsOnly(ids.get(0));
            assertThat(replayed).isEqualTo(7);
            assertThat(createdEvents(ids.get(0))).hasSize(1);
        } finally {
            pool.shutdown();
        }
        asAgent().get("/api/v1/tickets?customer=" + customer).then().body("total", equalTo(1));
    }

    @Test
    void shouldForgetAKeyAfterItsTtl() {
        String customer = "c-" + UUID.randomUUID();
        String oldKey = "k-" + UUID.randomUUID();
        String freshKey = "k-" + UUID.randomUUID();
        String body = TicketResourceTest.ticket(customer);
        String first = post(body, oldKey).then().statusCode(201).extract().path("id");
        post(body, freshKey).then().statusCode(201);
        pool.preparedQuery("UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = $1")
                .execute(Tuple.of(oldKey))
                .await()
                .atMost(Duration.ofSeconds(10));

        int swept = sweeper.sweep().await().atMost(Duration.ofSeconds(10));

        assertThat(swept).isGreaterThanOrEqualTo(1);
        String second = post(body, oldKey)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", (String) null)
                .extract()
                .path("id");
        assertThat(second).isNotEqualTo(first);
        post(body, freshKey).then().statusCode(201).header("Idempotent-Replayed", "true");
    }
}
