package io.ticketsuite.intake.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.ticketsuite.events.Topics;
import io.ticketsuite.testkit.TopicProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * JSON logs (the switch the kit leaves off; here on for a log file, the same formatter as the console's): one JSON
 * object per line whose MDC holds the trace and span ids of the work that logged it.
 */
@QuarkusTest
@TestProfile(JsonLogTest.JsonLogs.class)
class JsonLogTest {
    private static final Path LOG = Path.of("target", "json-log-test.log");
    private static final ObjectMapper JSON = new ObjectMapper();

    public static class JsonLogs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.file.json.enabled", "true");
        }
    }

    @Test
    void shouldLogJsonWithTheTraceAndSpanIdsOfTheWorkThatLogged() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String key = UUID.randomUUID().toString();
        // a poison record (not JSON, no CloudEvents type): the kit's inbox logs a warning while consuming it
        TopicProbe.publish(
                Topics.TRIAGE_EVENTS, key, "not json", Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(linesOf(traceId)).anySatisfy(line -> {
                    assertThat(line.path("level").asText()).isEqualTo("WARN");
                    assertThat(line.path("message").asText()).contains("poison record");
                    assertThat(line.path("mdc").path("spanId").asText()).matches("[0-9a-f]{16}");
                }));
    }

    private static List<JsonNode> linesOf(String traceId) throws Exception {
        if (!Files.exists(LOG)) {
            return List.of();
        }
        return Files.readAllLines(LOG).stream()
                .filter(line -> line.contains(traceId))
                .map(line -> {
                    try {
                        return JSON.readTree(line);
                    } catch (Exception e) {
                        throw new AssertionError("not a JSON log line: " + line, e);
                    }
                })
                .filter(node -> traceId.equals(node.path("mdc").path("traceId").asText()))
                .toList();
    }
}
