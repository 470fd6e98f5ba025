package io.ticketsuite.intake.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketsuite.kit.problem.Problem;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alertmanager (v4) and Grafana payloads read without Quarkus. */
class AlertPayloadsTest {

    @Test
    void shouldReadAnAlertmanagerV4Payload() {
        AlertPayloads.Parsed parsed = AlertPayloads.parse("""
                {"version": "4", "groupKey": "{}:{alertname=\\"DiskFull\\"}", "truncatedAlerts": 0, "status": "firing",
                 "receiver": "ticketsuite", "groupLabels": {"alertname": "DiskFull"}, "commonLabels": {},
                 "commonAnnotations": {}, "externalURL": "http://am:9093",
                 "alerts": [{"status": "firing", "labels": {"alertname": "DiskFull", "severity": "critical"},
                   "annotations": {"summary": "Disk full on db-1"}, "startsAt": "2026-11-29T10:00:00.123Z",
                   "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prom/graph", "fingerprint": "abc123"}]}
                """, true);
        assertThat(parsed.errors()).isEmpty();
        Alert alert = parsed.alerts().get(0);
        assertThat(alert.firing()).isTrue();
        assertThat(alert.fingerprint()).isEqualTo("abc123");
        assertThat(alert.labels()).containsEntry("severity", "critical");
        assertThat(alert.annotations()).containsEntry("summary", "Disk full on db-1");
        assertThat(alert.startsAt()).isEqualTo(Instant.parse("2026-11-29T10:00:00.123Z"));
        assertThat(alert.endsAt()).isNull();
        assertThat(alert.generatorUrl()).isEqualTo("http://prom/graph");
    }

    @Test
    void shouldReadAGrafanaPayloadAndDeriveAMissingFingerprintFromTheLabels() {
        AlertPayloads.Parsed parsed = AlertPayloads.parse("""
                {"receiver": "ts", "status": "resolved", "orgId": 1, "state": "ok", "version": "1",
                 "alerts": [{"status": "resolved", "labels": {"b": "2", "a": "1"}, "annotations": {},
                   "startsAt": "2026-11-29T10:00:00+01:00", "endsAt": "2026-11-29T11:00:00+01:00",
                   "values": {"A": 1}, "valueString": "x", "silenceURL": "http://g/s", "dashboardURL": ""}]}
                """, false);
        assertThat(parsed.errors()).isEmpty();
        Alert alert = parsed.alerts().get(0);
        assertThat(alert.firing()).isFalse();
        assertThat(alert.endsAt()).isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
        assertThat(alert.fingerprint())
                .startsWith("labels-")
                .isEqualTo(AlertPayloads.fingerprintOf(Map.of("a", "1", "b", "2")));
    }

    @Test
    void shouldNameEveryBadField() {
        assertThat(AlertPayloads.parse("not json", true).errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("body");
        assertThat(AlertPayloads.parse("[]", true).errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("body");
        assertThat(AlertPayloads.parse("{\"version\": \"3\", \"alerts\": []}", true)
                        .errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("version");
        assertThat(AlertPayloads.parse("{}", false).errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("alerts");
        assertThat(AlertPayloads.parse("""
                        {"alerts": [{"status": "firing", "labels": {"a": "1"}},
                                    {"status": "burning", "labels": {"x": {}}, "startsAt": "yesterday"},
                                    {"status": "resolved"}, 7]}""", false).errors())
                .extracting(Problem.FieldError::field)
                .containsExactly(
                        "alerts[1].status",
                        "alerts[1].labels.x",
                        "alerts[1].startsAt",
                        "alerts[2].labels",
                        "alerts[3]");
    }

    @Test
    void shouldMapSeverityToUrgencyAndImpact() {
        Map<String, String> map = Map.of("critical", "HIGH/HIGH", "warning", "medium/low");
        assertThat(AlertPayloads.urgencyImpact("Critical", map, "LOW/LOW")).containsExactly("HIGH", "HIGH");
        assertThat(AlertPayloads.urgencyImpact("warning", map, "LOW/LOW")).containsExactly("MEDIUM", "LOW");
        assertThat(AlertPayloads.urgencyImpact(null, map, "LOW/MEDIUM")).containsExactly("LOW", "MEDIUM");
        assertThatThrownBy(() -> AlertPayloads.urgencyImpact("x", Map.of("x", "urgent"), "LOW/LOW"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
