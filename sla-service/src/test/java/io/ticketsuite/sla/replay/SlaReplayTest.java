package io.ticketsuite.sla.replay;

import static io.restassured.RestAssured.given;
import static io.ticketsuite.sla.SlaEvents.assigned;
import static io.ticketsuite.sla.SlaEvents.comment;
import static io.ticketsuite.sla.SlaEvents.created;
import static io.ticketsuite.sla.SlaEvents.triaged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ticketsuite.events.AuthorRole;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketReassigned;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.Visibility;
import io.ticketsuite.sla.MutableClock;
import io.ticketsuite.sla.SlaEvents;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A recorded history of several tickets (created, triaged, assigned, waiting for the customer and back, a public agent
 * reply, a reassignment, resolved) is played through the real broker with the clock moving to each event's time;
 * the replay of that range rebuilds identical clocks, then finds exactly the one field a SQL update corrupted.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "sla"))
class SlaReplayTest {
    @Inject
    MutableClock clock;

    @Inject
    DataSource dataSource;

    private record Step(Instant at, EventData data) {}

    private static TicketStatusChanged status(UUID id, TicketStatus from, TicketStatus to, Instant at) {
        return new TicketStatusChanged(id, TicketType.SUPPORT, from, to, null, "agent-1", at);
    }

    private List<Step> history(Instant t0, UUID enterprise, UUID free, UUID urgent) {
        List<Step> steps = new ArrayList<>();
        // ENTERPRISE P2 (response 1 h, resolution 8 h): assigned, waits for the customer 30 min, a public reply,
        // reassigned, resolved after its 50 % warning
        steps.add(new Step(t0, created(enterprise, t0)));
        steps.add(new Step(t0.plusSeconds(60), triaged(enterprise, Priority.P2, t0.plusSeconds(60))));
        steps.add(new Step(t0.plusSeconds(120), assigned(enterprise, t0.plusSeconds(120))));
        steps.add(new Step(
                t0.plusSeconds(600),
                status(enterprise, TicketStatus.NEW, TicketStatus.WAITING_FOR_CUSTOMER, t0.plusSeconds(600))));
        steps.add(new Step(
                t0.plusSeconds(2400),
                status(enterprise, TicketStatus.WAITING_FOR_CUSTOMER, TicketStatus.IN_PROGRESS, t0.plusSeconds(2400))));
        steps.add(new Step(
                t0.plusSeconds(2650), comment(enterprise, AuthorRole.AGENT, Visibility.PUBLIC, t0.plusSeconds(2650))));
        steps.add(new Step(
                t0.plusSeconds(3000),
                new TicketReassigned(enterprise, "agent-7", "agent-8", "billing", "load", t0.plusSeconds(3000))));
        steps.add(new Step(
                t0.plusSeconds(5 * 3600),
                status(enterprise, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, t0.plusSeconds(5 * 3600))));
        // FREE P3 (business hours): a customer comment (does not meet the response clock), left running
        steps.add(new Step(t0.plusSeconds(30), created(free, t0.plusSeconds(30), CustomerTier.FREE)));
        steps.add(new Step(t0.plusSeconds(90), triaged(free, Priority.P3, t0.plusSeconds(90))));
        steps.add(new Step(
                t0.plusSeconds(900), comment(free, AuthorRole.CUSTOMER, Visibility.PUBLIC, t0.plusSeconds(900))));
        // ENTERPRISE P1 (response 15 min): its response thresholds fire, then resolved, then reopened
        steps.add(new Step(t0.plusSeconds(45), created(urgent, t0.plusSeconds(45))));
        steps.add(new Step(t0.plusSeconds(50), triaged(urgent, Priority.P1, t0.plusSeconds(50))));
        steps.add(new Step(
                t0.plusSeconds(3600), status(urgent, TicketStatus.NEW, TicketStatus.RESOLVED, t0.plusSeconds(3600))));
        steps.add(new Step(
                t0.plusSeconds(4000),
                status(urgent, TicketStatus.RESOLVED, TicketStatus.REOPENED, t0.plusSeconds(4000))));
        steps.sort(Comparator.comparing(Step::at));
        return steps;
    }

    @Test
    void shouldRebuildIdenticalClocksFromTheTopicsAndFindACorruptedRow() throws Exception {
        UUID enterprise = UUID.randomUUID();
        UUID free = UUID.randomUUID();
        UUID urgent = UUID.randomUUID();
        Instant from = Instant.now().minusSeconds(1);
        Instant t0 = clock.instant().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        for (Step step : history(t0, enterprise, free, urgent)) {
            moveTo(step.at());
            EventEnvelope<EventData> envelope = SlaEvents.publish(step.data(), step.at());
            await().atMost(Duration.ofSeconds(30)).until(() -> processed(envelope.id()));
        }
        moveTo(clock.instant().plusSeconds(600));
        Instant to = Instant.now().plusSeconds(1);
        // the live outbox's sequence, not its rows: the relay deletes rows as it publishes them
        long outboxBefore = count("SELECT last_value FROM public.outbox_id_seq");

        JsonPath same = replay(from, to);
        assertThat(same.getInt("compared")).isEqualTo(3);
        assertThat(same.getList("differences")).isEmpty();
        assertThat(same.getInt("identical")).isEqualTo(3);
        assertThat(same.getInt("events_applied")).isEqualTo(15);
        // at least one threshold fired and was compared: the urgent ticket's response warnings
        assertThat(count("SELECT count(*) FROM sla_threshold WHERE fired_at IS NOT NULL AND ticket_id = '" + urgent
                        + "'"))
                .isPositive();

        String original;
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(
                    "SELECT due_at FROM sla_clock WHERE ticket_id = '" + free + "' AND clock = 'RESOLUTION'")) {
                rs.next();
                original = rs.getObject(1, java.time.OffsetDateTime.class)
                        .toInstant()
                        .toString();
            }
            s.executeUpdate("UPDATE sla_clock SET due_at = due_at + interval '7 minutes' WHERE ticket_id = '" + free
                    + "' AND clock = 'RESOLUTION'");
        }
        JsonPath corrupted = replay(from, to);
        assertThat(corrupted.getInt("compared")).isEqualTo(3);
        assertThat(corrupted.getInt("identical")).isEqualTo(2);
        List<Map<String, Object>> differences = corrupted.getList("differences");
        assertThat(differences).hasSize(1);
        assertThat(differences.get(0))
                .containsEntry("ticket_id", free.toString())
                .containsEntry("what", "clock")
                .containsEntry("key", "RESOLUTION")
                .containsEntry("field", "due_at")
                .containsEntry("replayed", original)
                .containsEntry(
                        "live",
                        Instant.parse(original).plus(Duration.ofMinutes(7)).toString());

        // nothing published, nothing left behind
        assertThat(count("SELECT last_value FROM public.outbox_id_seq")).isEqualTo(outboxBefore);
        assertThat(count("SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'sla_replay_%'"))
                .isZero();
    }

    @Test
    void shouldRefuseABadRangeAs400Problems() {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        Map<String, String> fieldByBody = Map.of(
                "{}",
                "from",
                "{\"from\":\"" + now + "\"}",
                "to",
                "{\"to\":\"" + now + "\"}",
                "from",
                "{\"from\":\"" + now + "\",\"to\":\"" + now + "\"}",
                "to",
                "{\"from\":\"" + now + "\",\"to\":\"" + now.minusSeconds(1) + "\"}",
                "to",
                "{\"from\":\"" + now + "\",\"to\":\"" + now.plus(Duration.ofDays(8)) + "\"}",
                "to");
        fieldByBody.forEach((body, field) -> given().auth()
                .oauth2(TestTokens.admin())
                .contentType("application/json")
                .body(body)
                .post("/api/v1/admin/sla/replay")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(containsString("\"" + field + "\"")));
    }

    private JsonPath replay(Instant from, Instant to) {
        return given().auth()
                .oauth2(TestTokens.admin())
                .contentType("application/json")
                .body(Map.of("from", from.toString(), "to", to.toString()))
                .post("/api/v1/admin/sla/replay")
                .then()
                .statusCode(200)
                .body("schema_kept", equalTo(false))
                .extract()
                .jsonPath();
    }

    /** Moves the clock to {@code at} and waits until the live scheduler fired everything due by then. */
    private void moveTo(Instant at) {
        Duration ahead = Duration.between(clock.instant(), at);
        if (!ahead.isNegative()) {
            clock.advance(ahead);
        }
        Instant now = clock.instant();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT count(*) FROM sla_threshold WHERE fired_at IS NULL AND cancelled_at IS NULL"
                                + " AND held_since IS NULL AND fire_at <= '" + now + "'")
                        == 0);
    }

    private boolean processed(UUID eventId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM processed_event WHERE event_id = ?")) {
            ps.setObject(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
