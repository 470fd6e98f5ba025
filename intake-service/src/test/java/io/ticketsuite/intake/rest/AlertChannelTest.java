package io.ticketsuite.intake.rest;

import static io.ticketsuite.intake.Api.asAgent;
import static io.ticketsuite.intake.Api.asChannel;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Alertmanager and Grafana notifications become MONITORING tickets, once per fingerprint while open. */
@QuarkusTest
class AlertChannelTest {

    static ValidatableResponse post(String path, String body) {
        return asChannel()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/channels/" + path)
                .then();
    }

    static String alertmanager(String status, String alerts) {
        return """
                {"version": "4", "status": "%s", "receiver": "ticketsuite", "groupKey": "g", "alerts": [%s]}""".formatted(status, alerts);
    }

    static String alert(String status, String fingerprint, String startsAt, String severity) {
        return """
                {"status": "%s", "fingerprint": "%s",
                 "labels": {"alertname": "DiskFull", "instance": "db-1", "severity": "%s"},
                 "annotations": {"summary": "Disk full on db-1", "description": "/var is at 99%%"},
                 "startsAt": "%s", "endsAt": "%s", "generatorURL": "http://prometheus/graph"}""".formatted(
                        status,
                        fingerprint,
                        severity,
                        startsAt,
                        status.equals("resolved") ? "2026-11-29T12:00:00Z" : "0001-01-01T00:00:00Z");
    }

    @Test
    void shouldOpenOneTicketPerFiringAlertAndNotMultiplyGroupedResends() {
        String fp = "fp-" + UUID.randomUUID();
        String firing = alertmanager("firing", alert("firing", fp, "2026-11-29T10:00:00Z", "critical"));
        String ticket = post("alertmanager", firing)
                .statusCode(200)
                .body("alerts.outcome", contains("CREATED"))
                .extract()
                .path("alerts[0].ticket_id");
        asAgent()
                .get("/api/v1/tickets/" + ticket)
                .then()
                .statusCode(200)
                .body("channel", equalTo("MONITORING"))
                .body("customer.id", equalTo("monitoring"))
                .body("subject", equalTo("Disk full on db-1"))
                .body("description", containsString("/var is at 99%"))
                .body("tags", hasItems("alert", "urgency:high", "impact:high", "alertname=DiskFull", "instance=db-1"))
                .body("external_id", equalTo(fp));

        // the same group re-sent: nothing new
        post("alertmanager", firing).statusCode(200).body("alerts.outcome", contains("UNCHANGED"));
        post("alertmanager", firing).statusCode(200).body("alerts.ticket_id", contains(ticket));
        asAgent().get("/api/v1/tickets/" + ticket + "/comments").then().body("$", hasSize(0));

        // it fired anew while the ticket is open: one comment with the count
        post("alertmanager", alertmanager("firing", alert("firing", fp, "2026-11-29T11:00:00Z", "critical")))
                .statusCode(200)
                .body("alerts.outcome", contains("REPEATED"))
                .body("alerts.ticket_id", contains(ticket));
        asAgent()
                .get("/api/v1/tickets/" + ticket + "/comments")
                .then()
                .body("$", hasSize(1))
                .body("body[0]", containsString("2 times"));
    }

    @Test
    void shouldCommentAndResolveOnResolvedAndOpenANewTicketOnTheNextFiring() {
        String fp = "fp-" + UUID.randomUUID();
        String ticket = post(
                        "alertmanager", alertmanager("firing", alert("firing", fp, "2026-11-29T10:00:00Z", "warning")))
                .statusCode(200)
                .extract()
                .path("alerts[0].ticket_id");
        asAgent()
                .contentType(ContentType.JSON)
                .body("{\"status\": \"ASSIGNED\"}")
                .post("/api/v1/tickets/" + ticket + "/status")
                .then()
                .statusCode(200);
        post("alertmanager", alertmanager("resolved", alert("resolved", fp, "2026-11-29T10:00:00Z", "warning")))
                .statusCode(200)
                .body("alerts.outcome", contains("RESOLVED"))
                .body("alerts.ticket_id", contains(ticket));
        asAgent()
                .get("/api/v1/tickets/" + ticket)
                .then()
                .body("status", equalTo("RESOLVED"))
                .body("resolution.category", equalTo("fixed"))
                .body("tags", hasItems("urgency:medium", "impact:medium"));
        asAgent()
                .get("/api/v1/tickets/" + ticket + "/comments")
                .then()
                .body("body", hasItem(containsString("resolved at 2026-11-29T12:00:00Z")));
        // the resolved twin again: nothing tracks it any more
        post("alertmanager", alertmanager("resolved", alert("resolved", fp, "2026-11-29T10:00:00Z", "warning")))
                .statusCode(200)
                .body("alerts.outcome", contains("IGNORED"));
        // it fires again later: a new ticket
        post("alertmanager", alertmanager("firing", alert("firing", fp, "2026-11-30T10:00:00Z", "warning")))
                .statusCode(200)
                .body("alerts.outcome", contains("CREATED"))
                .body("alerts.ticket_id", not(contains(ticket)));
    }

    @Test
    void shouldMakeSeveralTicketsOfSeveralAlertsInOneGrafanaPayload() {
        String a = "fp-" + UUID.randomUUID();
        String b = "fp-" + UUID.randomUUID();
        String grafana = """
                {"receiver": "ticketsuite", "status": "firing", "orgId": 1, "version": "1", "state": "alerting",
                 "title": "[FIRING:2] grouped", "groupKey": "{}", "truncatedAlerts": 0,
                 "alerts": [
                  {"status": "firing", "fingerprint": "%s", "labels": {"alertname": "HighLatency", "severity": "info"},
                   "annotations": {"summary": "Latency high"}, "startsAt": "2026-11-29T10:00:00Z",
                   "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://grafana/alerting/1/edit",
                   "silenceURL": "", "dashboardURL": "", "panelURL": "", "values": {"B": 22.5}, "valueString": "B=22.5"},
                  {"status": "firing", "fingerprint": "%s", "labels": {"alertname": "ErrorRate"},
                   "annotations": {}, "startsAt": "2026-11-29T10:01:00Z"}]}""".formatted(a, b);
        post("grafana", grafana).statusCode(200).body("alerts.outcome", contains("CREATED", "CREATED"));
        post("grafana", grafana).statusCode(200).body("alerts.outcome", contains("UNCHANGED", "UNCHANGED"));
        asAgent()
                .get("/api/v1/tickets?customer=monitoring&q=latency")
                .then()
                .statusCode(200)
                .body("items.subject", hasItem("Latency high"));
    }

    @Test
    void shouldRefuseBadPayloadsNamingTheField() {
        post("alertmanager", "{\"version\": \"4\", \"alerts\": [{\"status\": \"on fire\", \"labels\": {}}]}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("alerts[0].status"));
        post("grafana", "{\"alerts\": \"none\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("alerts"));
        post("grafana", "{broken").statusCode(400).contentType("application/problem+json");
        asAgent()
                .contentType(ContentType.JSON)
                .body("{\"alerts\": []}")
                .post("/api/v1/channels/grafana")
                .then()
                .statusCode(403);
    }
}
