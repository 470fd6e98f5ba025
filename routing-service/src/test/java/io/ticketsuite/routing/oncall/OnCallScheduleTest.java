package io.ticketsuite.routing.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketsuite.routing.oncall.OnCallSchedule.Cover;
import io.ticketsuite.routing.oncall.OnCallSchedule.Member;
import io.ticketsuite.routing.oncall.OnCallSchedule.OnCall;
import io.ticketsuite.routing.oncall.OnCallSchedule.Source;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who is on call: at hand-over instants, across DST changes, before the rotation started, and under overrides. */
class OnCallScheduleTest {
    private static final List<Member> MEMBERS =
            List.of(new Member("ana", "Ana"), new Member("ben", "Ben"), new Member("cem", "Cem"));

    /** Berlin, Mondays 09:00; Ana from Monday 2026-03-16 09:00 (CET, UTC+1), Ben from 03-23, Cem from 03-30 (CEST). */
    private static OnCallSchedule berlin(List<Cover> overrides) {
        return new OnCallSchedule(
                "eng",
                ZoneId.of("Europe/Berlin"),
                DayOfWeek.MONDAY,
                LocalTime.of(9, 0),
                LocalDate.of(2026, 3, 16),
                MEMBERS,
                overrides);
    }

    private static String who(OnCallSchedule schedule, String instant) {
        return schedule.at(Instant.parse(instant)).map(OnCall::staffId).orElse(null);
    }

    @Test
    void shouldHandOverExactlyAtTheLocalHandOverTime() {
        OnCallSchedule schedule = berlin(List.of());
        assertThat(who(schedule, "2026-03-16T07:59:59Z"))
                .as("before the first hand-over: the last member")
                .isEqualTo("cem");
        assertThat(who(schedule, "2026-03-16T08:00:00Z")).as("09:00 CET").isEqualTo("ana");
        assertThat(who(schedule, "2026-03-23T07:59:59.999Z")).isEqualTo("ana");
        assertThat(who(schedule, "2026-03-23T08:00:00Z")).isEqualTo("ben");
        OnCall ben = schedule.at(Instant.parse("2026-03-25T12:00:00Z")).orElseThrow();
        assertThat(ben.source()).isEqualTo(Source.ROTATION);
        assertThat(ben.from()).isEqualTo(Instant.parse("2026-03-23T08:00:00Z"));
        assertThat(ben.until())
                .as("09:00 CEST after the change on 29 March")
                .isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
    }

    @Test
    void shouldKeepTheLocalHandOverTimeAcrossDaylightSavingChanges() {
        OnCallSchedule schedule = berlin(List.of());
        // spring forward on Sunday 2026-03-29: Monday's hand-over is 09:00 CEST = 07:00 UTC
        assertThat(who(schedule, "2026-03-30T06:59:59Z")).isEqualTo("ben");
        assertThat(who(schedule, "2026-03-30T07:00:00Z")).isEqualTo("cem");
        // the shift spanning the change is 167 hours long, not 168
        OnCall ben = schedule.at(Instant.parse("2026-03-29T01:30:00Z")).orElseThrow();
        assertThat(java.time.Duration.between(ben.from(), ben.until())).hasHours(167);
        // fall back on Sunday 2026-10-25: Monday 26 October 09:00 CET = 08:00 UTC, 32 weeks after 16 March → cem
        assertThat(who(schedule, "2026-10-26T07:59:59Z")).isEqualTo("ben");
        assertThat(who(schedule, "2026-10-26T08:00:00Z")).isEqualTo("cem");
        // inside the repeated hour of the night of the change nothing moves
        assertThat(who(schedule, "2026-10-25T00:30:00Z")).isEqualTo("ben");
        assertThat(who(schedule, "2026-10-25T01:30:00Z")).isEqualTo("ben");
        // the shift spanning it is 169 hours long
        OnCall longShift = schedule.at(Instant.parse("2026-10-25T01:30:00Z")).orElseThrow();
        assertThat(java.time.Duration.between(longShift.from(), longShift.until()))
                .hasHours(169);
    }

    @Test
    void shouldMoveAHandOverInsideTheDaylightSavingGapForward() {
        // New York: Sundays 02:30 local; on 2026-03-08 02:30 does not exist (02:00 → 03:00): hand-over at 03:30 EDT
        OnCallSchedule schedule = new OnCallSchedule(
                "sec",
                ZoneId.of("America/New_York"),
                DayOfWeek.SUNDAY,
                LocalTime.of(2, 30),
                LocalDate.of(2026, 3, 1),
                MEMBERS,
                List.of());
        assertThat(who(schedule, "2026-03-08T07:29:59Z")).isEqualTo("ana");
        assertThat(who(schedule, "2026-03-08T07:30:00Z")).as("03:30 EDT").isEqualTo("ben");
    }

    @Test
    void shouldLetAnOverrideWinForItsWholeDaysInTheRotationsZone() {
        OnCallSchedule schedule = berlin(List.of(new Cover(
                "dora", "Dora", LocalDate.of(2026, 3, 24), LocalDate.of(2026, 3, 25), "Ben at a conference")));
        assertThat(who(schedule, "2026-03-23T22:59:59Z"))
                .as("23:59:59 CET on the 23rd")
                .isEqualTo("ben");
        assertThat(who(schedule, "2026-03-23T23:00:00Z"))
                .as("midnight CET on the 24th")
                .isEqualTo("dora");
        OnCall dora = schedule.at(Instant.parse("2026-03-25T12:00:00Z")).orElseThrow();
        assertThat(dora.source()).isEqualTo(Source.OVERRIDE);
        assertThat(dora.reason()).isEqualTo("Ben at a conference");
        assertThat(dora.from()).isEqualTo(Instant.parse("2026-03-23T23:00:00Z"));
        assertThat(dora.until()).isEqualTo(Instant.parse("2026-03-25T23:00:00Z"));
        assertThat(who(schedule, "2026-03-25T23:00:00Z"))
                .as("back to the rotation")
                .isEqualTo("ben");
    }

    @Test
    void shouldAnswerNobodyForAnEmptyRotationAndRefuseAStartOffTheHandOverDay() {
        OnCallSchedule empty = new OnCallSchedule(
                "x",
                ZoneId.of("UTC"),
                DayOfWeek.MONDAY,
                LocalTime.NOON,
                LocalDate.of(2026, 3, 16),
                List.of(),
                List.of());
        assertThat(empty.at(Instant.parse("2026-03-20T00:00:00Z"))).isEmpty();
        assertThatThrownBy(() -> new OnCallSchedule(
                        "x",
                        ZoneId.of("UTC"),
                        DayOfWeek.MONDAY,
                        LocalTime.NOON,
                        LocalDate.of(2026, 3, 17),
                        MEMBERS,
                        List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a MONDAY");
    }
}
