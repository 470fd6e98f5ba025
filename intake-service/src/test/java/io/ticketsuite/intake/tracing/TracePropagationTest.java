package io.ticketsuite.intake.tracing;

import static io.ticketsuite.intake.Api.asChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.events.Topics;
import io.ticketsuite.testkit.TopicProbe;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One ticket is one trace: the request that creates a ticket and the ticket.created record the outbox relay publishes
 * share a trace id (W3C {@code traceparent} and the CloudEvents {@code ce_traceparent} header), and a consumed
 * record's trace is continued by the consumer's work and by the event it announces in turn.
 */
@QuarkusTest
class TracePropagationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    InMemorySpanExporter spans;

    private TopicProbe ticketEvents;

    @BeforeEach
    void subscribe() {
        ticketEvents = TopicProbe.from(Topics.TICKET_EVENTS);
    }

    @AfterEach
    void close() {
        ticketEvents.close();
    }

    @Test
    void shouldPublishTheCreatingRequestsTraceWithTheTicketCreatedRecord() {
        String id = createTicket();

        ConsumerRecord<String, String> created = ticketEvents
                .await(r -> id.equals(r.key()) && isType(r, "ticket.created"), 1, WAIT)
                .get(0);

        String traceparent = TopicProbe.header(created, "traceparent");
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(TopicProbe.header(created, "ce_traceparent")).isEqualTo(traceparent);
        String traceId = traceparent.split("-")[1];
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(spansOf(traceId)).anySatisfy(span -> {
                    assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
                    assertThat(span.getName()).isEqualTo("POST /api/v1/tickets");
                }));
    }

    @Test
    void shouldContinueAConsumedRecordsTraceInTheEventItCauses() {
        String id = createTicket();
        String traceId = randomHex(32);
        String parentSpanId = randomHex(16);
        EventEnvelope<TicketTriaged> triaged = EventEnvelope.of(
                "triage-service",
                new TicketTriaged(
                        UUID.fromString(id),
                        "account",
                        Priority.P2,
                        0.9,
                        Map.of("rule", "test"),
                        "test",
                        Instant.now()),
                Instant.now());
        Map<String, String> headers = new HashMap<>(EventCodec.headers(triaged));
        headers.put("traceparent", "00-" + traceId + "-" + parentSpanId + "-01");
        headers.put("ce_traceparent", headers.get("traceparent"));

        TopicProbe.publish(Topics.TRIAGE_EVENTS, id, EventCodec.toJson(triaged.data()), headers);

        List<ConsumerRecord<String, String>> changed = ticketEvents.await(
                r -> id.equals(r.key())
                        && isType(r, "ticket.status-changed")
                        && r.value().contains("TRIAGED"),
                1,
                WAIT);
        assertThat(changed).hasSize(1);
        assertThat(TopicProbe.header(changed.get(0), "traceparent")).startsWith("00-" + traceId + "-");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(spansOf(traceId)).anySatisfy(span -> {
                    assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
                    assertThat(span.getParentSpanId()).isEqualTo(parentSpanId);
                }));
    }

    private List<SpanData> spansOf(String traceId) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId))
                .toList();
    }

    private static String createTicket() {
        return asChannel()
                .contentType(ContentType.JSON)
                .body("""
                        {"subject": "Traced ticket", "description": "Follow me through the services",
                         "type": "support", "channel": "web",
                         "customer": {"id": "c-7", "email": "trace@example.com", "tier": "PROFESSIONAL"}}""")
                .post("/api/v1/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static boolean isType(ConsumerRecord<String, String> record, String type) {
        return type.equals(TopicProbe.header(record, CloudEventHeaders.TYPE));
    }

    private static String randomHex(int length) {
        StringBuilder hex = new StringBuilder();
        while (hex.length() < length) {
            hex.append(Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE));
        }
        return hex.substring(0, length);
    }
}
