package io.ticketsuite.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The working-time arithmetic, table-driven: each calendar, weekends, holidays, DST in non-UTC zones. */
class WorkingCalendarTest {
    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    static final LocalTime NINE = LocalTime.of(9, 0);
    static final LocalTime FIVE = LocalTime.of(17, 0);

    /**
     * A calendar by short name in a zone: 24/7, 24/5, business (09–17 Mon–Fri); {@code +holiday} adds
     * 2025-03-17 (a Monday) as a holiday, {@code +xmas} adds 2025-12-25 (forces the day-by-day walk on 24/7).
     */
    static WorkingCalendar calendar(String spec, String zone) {
        String name = spec.split("\\+")[0];
        Set<LocalDate> holidays = spec.contains("+holiday")
                ? Set.of(LocalDate.parse("2025-03-17"))
                : spec.contains("+xmas") ? Set.of(LocalDate.parse("2025-12-25")) : Set.of();
        ZoneId id = ZoneId.of(zone);
        return switch (name) {
            case "24/7" ->
                new WorkingCalendar(name, id, EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, null, holidays);
            case "24/5" -> new WorkingCalendar(name, id, WEEKDAYS, LocalTime.MIDNIGHT, null, holidays);
            case "business" -> new WorkingCalendar(name, id, WEEKDAYS, NINE, FIVE, holidays);
            default -> throw new IllegalArgumentException(spec);
        };
    }

    @ParameterizedTest(name = "{0} {1}: {2} + {3} = {4}")
    @CsvSource({
        // the example: Friday 16:00 UTC + 4 h → Monday 12:00; + 16 h (2d) → Tuesday 16:00
        "business, UTC, 2025-03-14T16:00:00Z, PT4H, 2025-03-17T12:00:00Z",
        "business, UTC, 2025-03-14T16:00:00Z, PT16H, 2025-03-18T16:00:00Z",
        // before opening, exactly at closing, on a weekend, several days
        "business, UTC, 2025-03-17T07:00:00Z, PT1H, 2025-03-17T10:00:00Z",
        "business, UTC, 2025-03-17T09:00:00Z, PT8H, 2025-03-17T17:00:00Z",
        "business, UTC, 2025-03-17T17:00:00Z, PT1M, 2025-03-18T09:01:00Z",
        "business, UTC, 2025-03-15T10:00:00Z, PT2H, 2025-03-17T11:00:00Z",
        "business, UTC, 2025-03-17T09:00:00Z, PT40H, 2025-03-21T17:00:00Z",
        "business, UTC, 2025-03-19T13:00:00Z, PT40H, 2025-03-26T13:00:00Z",
        // a holiday Monday is skipped
        "business+holiday, UTC, 2025-03-14T16:00:00Z, PT4H, 2025-03-18T12:00:00Z",
        "24/5+holiday, UTC, 2025-03-14T22:00:00Z, PT4H, 2025-03-18T02:00:00Z",
        // 24/5: Friday 24:00 to Monday 00:00 does not count
        "24/5, UTC, 2025-03-14T22:00:00Z, PT4H, 2025-03-17T02:00:00Z",
        "24/5, UTC, 2025-03-15T12:00:00Z, PT48H, 2025-03-19T00:00:00Z",
        // 24/7: wall-clock time
        "24/7, UTC, 2025-03-14T16:00:00Z, PT48H, 2025-03-16T16:00:00Z",
        // business hours are local wall-clock hours across DST start (Berlin 2025-03-30, New York 2025-03-09)
        "business, Europe/Berlin, 2025-03-28T15:00:00Z, PT4H, 2025-03-31T10:00:00Z",
        "business, America/New_York, 2025-03-07T21:00:00Z, PT16H, 2025-03-11T20:00:00Z",
        // ... and DST end (Berlin 2025-10-26, New York 2025-11-02)
        "business, Europe/Berlin, 2025-10-24T14:00:00Z, PT4H, 2025-10-27T11:00:00Z",
        "24/5, America/New_York, 2025-11-01T02:00:00Z, PT4H, 2025-11-03T07:00:00Z",
        // a 24 h working day on a DST-change day is 23 h (spring) or 25 h (autumn) of real time
        "24/7+xmas, Europe/Berlin, 2025-03-29T23:00:00Z, PT24H, 2025-03-30T23:00:00Z",
        "24/7+xmas, Europe/Berlin, 2025-10-25T22:00:00Z, PT24H, 2025-10-26T22:00:00Z",
        "24/5, Europe/Berlin, 2025-03-27T23:00:00Z, PT48H, 2025-03-31T22:00:00Z",
        // zero adds nothing, even outside working hours
        "business, UTC, 2025-03-15T10:00:00Z, PT0S, 2025-03-15T10:00:00Z",
    })
    void shouldAddWorkingTime(String calendar, String zone, Instant start, Duration amount, Instant expected) {
        WorkingCalendar cal = calendar(calendar, zone);

        assertThat(cal.add(start, amount)).isEqualTo(expected);
        if (!amount.isZero()) {
            assertThat(cal.between(start, expected)).isEqualTo(amount);
        }
    }

    @ParameterizedTest(name = "{0} {1}: {2} → {3} = {4}")
    @CsvSource({
        "business, UTC, 2025-03-14T16:00:00Z, 2025-03-17T12:00:00Z, PT4H",
        "business, UTC, 2025-03-15T00:00:00Z, 2025-03-17T00:00:00Z, PT0S",
        "business, UTC, 2025-03-17T18:00:00Z, 2025-03-18T08:00:00Z, PT0S",
        "business, UTC, 2025-03-17T12:00:00Z, 2025-03-17T11:00:00Z, PT0S",
        "business, UTC, 2025-03-10T00:00:00Z, 2025-03-17T00:00:00Z, PT40H",
        "business+holiday, UTC, 2025-03-14T16:00:00Z, 2025-03-18T12:00:00Z, PT4H",
        "24/5, UTC, 2025-03-14T20:00:00Z, 2025-03-17T04:00:00Z, PT8H",
        "24/7, UTC, 2025-03-14T20:00:00Z, 2025-03-17T04:00:00Z, PT56H",
        // Berlin midnight to midnight: 23 h on DST start, 25 h on DST end
        "24/7+xmas, Europe/Berlin, 2025-03-29T23:00:00Z, 2025-03-30T22:00:00Z, PT23H",
        "24/7+xmas, Europe/Berlin, 2025-10-25T22:00:00Z, 2025-10-26T23:00:00Z, PT25H",
        // a working week in New York across its DST start: 5 × 8 h local
        "business, America/New_York, 2025-03-07T00:00:00Z, 2025-03-15T00:00:00Z, PT48H",
    })
    void shouldMeasureWorkingTimeBetweenTwoInstants(
            String calendar, String zone, Instant from, Instant to, Duration expected) {
        assertThat(calendar(calendar, zone).between(from, to)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: a working day is {1}")
    @CsvSource({"24/7, PT24H", "24/5, PT24H", "business, PT8H"})
    void shouldKnowOneWorkingDay(String calendar, Duration day) {
        assertThat(calendar(calendar, "UTC").workingDay()).isEqualTo(day);
    }
}
