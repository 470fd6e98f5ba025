package io.ticketsuite.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.events.AuthorRole;
import io.ticketsuite.events.Channel;
import io.ticketsuite.events.Customer;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaBreached;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.SlaMet;
import io.ticketsuite.events.SlaWarning;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketCommentAdded;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketReassigned;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.TicketUpdated;
import io.ticketsuite.events.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReportProjectionTest {
    private static final UUID ID = UUID.fromString("3d0c9a11-6f1c-4c55-9d0e-2b7f4d0c8a3b");
    private static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-02-02T00:00:00Z");

    private static final TicketCreated CREATED = new TicketCreated(
            ID,
            TicketType.SUPPORT,
            Channel.CHAT,
            "Login fails",
            null,
            new Customer("c-1", "a@example.com", CustomerTier.PROFESSIONAL, "en"),
            List.of(),
            null,
            TicketStatus.NEW,
            T0);
    private static final TicketTriaged TRIAGED =
            new TicketTriaged(ID, "account", Priority.P3, 0.8, Map.of(), "1", T0.plusSeconds(30));
    private static final TicketReclassified RECLASSIFIED = new TicketReclassified(
            ID, "account", "security", Priority.P3, Priority.P1, "agent says breach", T0.plusSeconds(400));
    private static final TicketAssigned ASSIGNED = new TicketAssigned(
            ID, "account", "Account", "agent-1", "Ada", "lead-1", "account", null, T0.plusSeconds(90));
    private static final TicketReassigned REASSIGNED =
            new TicketReassigned(ID, "agent-1", "agent-9", "security", "reclassified", T0.plusSeconds(500));
    private static final TicketStatusChanged TO_TRIAGED = new TicketStatusChanged(
            ID, TicketType.SUPPORT, TicketStatus.NEW, TicketStatus.TRIAGED, null, "triage", T0.plusSeconds(31));
    private static final TicketStatusChanged TO_ASSIGNED = new TicketStatusChanged(
            ID, TicketType.SUPPORT, TicketStatus.TRIAGED, TicketStatus.ASSIGNED, null, "routing", T0.plusSeconds(91));
    private static final TicketStatusChanged TO_RESOLVED = new TicketStatusChanged(
            ID, TicketType.SUPPORT, TicketStatus.ASSIGNED, TicketStatus.RESOLVED, null, "api", T0.plusSeconds(3600));
    private static final TicketCommentAdded REPLY = new TicketCommentAdded(
            ID, UUID.randomUUID(), "agent-1", AuthorRole.AGENT, Visibility.PUBLIC, "Looking", T0.plusSeconds(200));
    private static final SlaMet RESPONSE_MET =
            new SlaMet(ID, SlaClock.RESPONSE, T0.plusSeconds(1800), T0.plusSeconds(200), true);
    private static final List<EventData> LIFE = List.of(
            CREATED,
            TRIAGED,
            TO_TRIAGED,
            ASSIGNED,
            TO_ASSIGNED,
            REPLY,
            RESPONSE_MET,
            RECLASSIFIED,
            REASSIGNED,
            TO_RESOLVED);

    @Test
    void shouldEndInTheSameStateWhateverOrderTheEventsArriveIn() {
        ReportTicket inOrder = replay(LIFE);
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            List<EventData> shuffled = new ArrayList<>(LIFE);
            Collections.shuffle(shuffled, random);

            ReportTicket t = replay(shuffled);

            assertThat(t).usingRecursiveComparison().isEqualTo(inOrder);
        }
        assertThat(inOrder.createdAt).isEqualTo(T0);
        assertThat(inOrder.status).isEqualTo(TicketStatus.RESOLVED);
        assertThat(inOrder.resolvedAt).isEqualTo(T0.plusSeconds(3600));
        assertThat(inOrder.category).isEqualTo("security");
        assertThat(inOrder.priority).isEqualTo(Priority.P1);
        assertThat(inOrder.triagedAt).isEqualTo(T0.plusSeconds(30));
        assertThat(inOrder.assignedAt).isEqualTo(T0.plusSeconds(90));
        assertThat(inOrder.team).isEqualTo("security");
        assertThat(inOrder.assignee).isEqualTo("agent-9");
        assertThat(inOrder.firstResponseAt).isEqualTo(T0.plusSeconds(200));
        assertThat(inOrder.responseMetWithin).isTrue();
        assertThat(inOrder.channel).isEqualTo(Channel.CHAT);
        assertThat(inOrder.tier).isEqualTo(CustomerTier.PROFESSIONAL);
    }

    @Test
    void shouldNeverLetAnOlderClassificationOverwriteANewerOne() {
        ReportTicket t = ReportTicket.of(ID);
        ReportProjection.apply(t, RECLASSIFIED, NOW);
        ReportProjection.apply(t, TRIAGED, NOW);
        ReportProjection.apply(t, new TicketUpdated(ID, Map.of("category", "billing"), T0.plusSeconds(10)), NOW);

        assertThat(t.category).isEqualTo("security");
        assertThat(t.priority).isEqualTo(Priority.P1);
        assertThat(t.triagedAt).as("but the first triage time is still learned").isEqualTo(T0.plusSeconds(30));

        ReportProjection.apply(t, new TicketUpdated(ID, Map.of("priority", "p2"), T0.plusSeconds(900)), NOW);
        assertThat(t.priority).isEqualTo(Priority.P2);
        assertThat(t.category).isEqualTo("security");
    }

    @Test
    void shouldKeepTheEarliestFirstResponseFromCommentsOrSlaMet() {
        ReportTicket t = ReportTicket.of(ID);
        ReportProjection.apply(
                t,
                new TicketCommentAdded(
                        ID,
                        UUID.randomUUID(),
                        "agent-1",
                        AuthorRole.AGENT,
                        Visibility.PUBLIC,
                        "2nd",
                        T0.plusSeconds(500)),
                NOW);
        ReportProjection.apply(
                t,
                new TicketCommentAdded(
                        ID,
                        UUID.randomUUID(),
                        "agent-1",
                        AuthorRole.AGENT,
                        Visibility.INTERNAL,
                        "note",
                        T0.plusSeconds(5)),
                NOW);
        ReportProjection.apply(
                t,
                new TicketCommentAdded(
                        ID,
                        UUID.randomUUID(),
                        "c-1",
                        AuthorRole.CUSTOMER,
                        Visibility.PUBLIC,
                        "hello?",
                        T0.plusSeconds(6)),
                NOW);
        assertThat(t.firstResponseAt).isEqualTo(T0.plusSeconds(500));

        ReportProjection.apply(t, RESPONSE_MET, NOW);
        assertThat(t.firstResponseAt).isEqualTo(T0.plusSeconds(200));
    }

    @Test
    void shouldReportTheAssignmentLatencyOnceWhenBothEndsAreKnown() {
        ReportTicket t = ReportTicket.of(ID);

        var first = ReportProjection.apply(t, ASSIGNED, NOW);
        var second = ReportProjection.apply(t, CREATED, NOW);
        var third = ReportProjection.apply(t, REASSIGNED, NOW);

        assertThat(first.assignmentLatency()).isEmpty();
        assertThat(second.assignmentLatency()).contains(Duration.ofSeconds(90));
        assertThat(third.assignmentLatency()).isEmpty();
    }

    @Test
    void shouldCountSlaFactsAndMarkClocks() {
        ReportTicket t = ReportTicket.of(ID);
        ReportProjection.apply(t, new SlaWarning(ID, SlaClock.RESPONSE, 50, Priority.P1, T0, "a", "t", "l", T0), NOW);
        assertThat(t.responseWarned).as("50 % is not at risk yet").isFalse();
        ReportProjection.apply(t, new SlaWarning(ID, SlaClock.RESOLUTION, 75, Priority.P1, T0, "a", "t", "l", T0), NOW);
        var applied = ReportProjection.apply(
                t, new SlaBreached(ID, SlaClock.RESPONSE, 100, Priority.P1, T0, "a", "t", "l", T0), NOW);

        assertThat(t.slaWarnings).isEqualTo(2);
        assertThat(t.slaBreaches).isEqualTo(1);
        assertThat(t.resolutionWarned).isTrue();
        assertThat(t.responseBreached).isTrue();
        assertThat(t.resolutionBreached).isFalse();
        assertThat(applied.breach()).isPresent();
    }

    @Test
    void shouldCountANoticeOnceThoughItIsAlsoMailed() {
        ReportTicket t = ReportTicket.of(ID);
        UUID notice = UUID.randomUUID();
        for (String channel : List.of("in-app", "email")) {
            ReportProjection.apply(
                    t,
                    new io.ticketsuite.events.NotificationDelivered(
                            ID, notice, "ann@example.com", "CUSTOMER", channel, "ticket-acknowledged", null, T0),
                    NOW);
        }
        assertThat(t.notifications).isEqualTo(1);
    }

    private static ReportTicket replay(List<EventData> events) {
        ReportTicket t = ReportTicket.of(ID);
        events.forEach(e -> ReportProjection.apply(t, e, NOW));
        return t;
    }
}
