package io.ticketsuite.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.events.Channel;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SummaryCalculatorTest {
    private static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");
    private static final Instant FROM = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-02-02T00:00:00Z");

    @Test
    void shouldComputeComplianceAsMetWithinTargetOverMetPlusBreached() {
        assertThat(SummaryCalculator.compliancePercent(1, 2)).isEqualTo(33.33);
        assertThat(SummaryCalculator.compliancePercent(3, 1)).isEqualTo(75.0);
        assertThat(SummaryCalculator.compliancePercent(5, 0)).isEqualTo(100.0);
        assertThat(SummaryCalculator.compliancePercent(0, 4)).isEqualTo(0.0);
        assertThat(SummaryCalculator.compliancePercent(0, 0)).isNull();
    }

    @Test
    void shouldCountALateMetAsABreachAndABreachedClockOnce() {
        ReportTicket metInTime = ticket(TicketStatus.RESOLVED, "billing", Priority.P2, "billing");
        metInTime.responseMetWithin = true;
        metInTime.resolutionMetWithin = true;
        ReportTicket breachedThenMet = ticket(TicketStatus.RESOLVED, "technical", Priority.P1, "tier-2");
        breachedThenMet.responseBreached = true;
        breachedThenMet.slaBreaches = 1;
        breachedThenMet.responseMetWithin = false;
        ReportTicket metLateWithoutBreachEvent = ticket(TicketStatus.ASSIGNED, "account", Priority.P3, "account");
        metLateWithoutBreachEvent.responseMetWithin = false;

        ReportSummary.Sla sla = SummaryCalculator.summarize(
                        FROM, TO, List.of(metInTime, breachedThenMet, metLateWithoutBreachEvent))
                .sla();

        assertThat(sla.clocksMetWithinTarget()).isEqualTo(2);
        assertThat(sla.clocksBreached()).isEqualTo(2);
        assertThat(sla.compliancePercent()).isEqualTo(50.0);
        assertThat(sla.breaches()).isEqualTo(1);
    }

    @Test
    void shouldSummariseVolumesTimesBacklogAndRisk() {
        ReportTicket a = ticket(TicketStatus.RESOLVED, "billing", Priority.P2, "billing");
        a.triagedAt = T0.plusSeconds(60);
        a.assignedAt = T0.plusSeconds(120);
        a.firstResponseAt = T0.plusSeconds(300);
        a.resolvedAt = T0.plusSeconds(3600);
        a.slaWarnings = 1;
        a.csatScore = 4;
        ReportTicket b = ticket(TicketStatus.ASSIGNED, "technical", Priority.P1, "tier-2");
        b.triagedAt = T0.plusSeconds(30);
        b.assignedAt = T0.plusSeconds(90);
        b.responseWarned = true;
        b.slaWarnings = 2;
        ReportTicket c = ticket(TicketStatus.NEW, null, null, null);
        c.channel = Channel.WEB;
        c.tier = CustomerTier.FREE;
        c.reopens = 1;
        c.resolutionWarned = true;
        c.resolutionBreached = true;
        ReportTicket notCreatedYet = ReportTicket.of(UUID.randomUUID());
        notCreatedYet.triagedAt = T0;

        ReportSummary s = SummaryCalculator.summarize(FROM, TO, List.of(a, b, c, notCreatedYet));

        assertThat(s.tickets().total()).isEqualTo(3);
        assertThat(s.tickets().open()).isEqualTo(2);
        assertThat(s.tickets().reopened()).isEqualTo(1);
        assertThat(s.tickets().byStatus()).isEqualTo(Map.of("RESOLVED", 1L, "ASSIGNED", 1L, "NEW", 1L));
        assertThat(s.tickets().byCategory()).isEqualTo(Map.of("billing", 1L, "technical", 1L, "untriaged", 1L));
        assertThat(s.tickets().byPriority()).isEqualTo(Map.of("P2", 1L, "P1", 1L, "untriaged", 1L));
        assertThat(s.tickets().byChannel()).isEqualTo(Map.of("EMAIL", 2L, "WEB", 1L));
        assertThat(s.tickets().byTier()).isEqualTo(Map.of("ENTERPRISE", 2L, "FREE", 1L));
        assertThat(s.tickets().byType()).isEqualTo(Map.of("SUPPORT", 3L));
        assertThat(s.timeToTriage()).isEqualTo(new DurationStats(2, 45.0, 30.0, 60.0));
        assertThat(s.timeToAssign()).isEqualTo(new DurationStats(2, 105.0, 90.0, 120.0));
        assertThat(s.firstResponse()).isEqualTo(new DurationStats(1, 300.0, 300.0, 300.0));
        assertThat(s.resolution()).isEqualTo(new DurationStats(1, 3600.0, 3600.0, 3600.0));
        assertThat(s.openBacklogByTeam()).isEqualTo(Map.of("tier-2", 1L, "unassigned", 1L));
        assertThat(s.sla().warnings()).isEqualTo(3);
        assertThat(s.sla().clocksAtRisk())
                .as("b's response clock; c's resolution clock is breached")
                .isEqualTo(1);
        assertThat(s.csat()).isEqualTo(new ReportSummary.Csat(1, 4.0));
        assertThat(s.from()).isEqualTo(FROM);
        assertThat(s.to()).isEqualTo(TO);
    }

    @Test
    void shouldReportAnEmptyWindowWithoutFigures() {
        ReportSummary s = SummaryCalculator.summarize(FROM, TO, List.of());

        assertThat(s.tickets().total()).isZero();
        assertThat(s.timeToTriage().count()).isZero();
        assertThat(s.timeToTriage().meanSeconds()).isNull();
        assertThat(s.sla().compliancePercent()).isNull();
        assertThat(s.csat().average()).isNull();
        assertThat(s.openBacklogByTeam()).isEmpty();
    }

    private static ReportTicket ticket(TicketStatus status, String category, Priority priority, String team) {
        ReportTicket t = ReportTicket.of(UUID.randomUUID());
        t.type = TicketType.SUPPORT;
        t.channel = Channel.EMAIL;
        t.tier = CustomerTier.ENTERPRISE;
        t.createdAt = T0;
        t.status = status;
        t.category = category;
        t.priority = priority;
        t.team = team;
        return t;
    }
}
