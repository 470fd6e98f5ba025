package io.ticketsuite.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A working-time calendar: on its working days (minus holidays) one window of working time per day, from
 * {@code from} to {@code to} on the local wall clock of its zone ({@code to} null = 24:00, the end of the day).
 * Working time is the real time that passes inside the windows, so 09:00–17:00 stays 09:00–17:00 local across a
 * DST change, and a 24 h window on a DST-change day is 23 h or 25 h long. Plain {@code java.time}.
 */
public final class WorkingCalendar {
    /** How far the calendar looks for working time before it gives up (ten years). */
    static final int MAX_DAYS = 3660;

    private final String name;
    private final ZoneId zone;
    private final Set<DayOfWeek> days;
    private final LocalTime from;
    private final LocalTime to;
    private final Set<LocalDate> holidays;

    /**
     * @param to the end of each day's window, or null for 24:00
     */
    public WorkingCalendar(
            String name, ZoneId zone, Set<DayOfWeek> days, LocalTime from, LocalTime to, Set<LocalDate> holidays) {
        this.name = Objects.requireNonNull(name, "name");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("calendar " + name + " has no working days");
        }
        this.days = Set.copyOf(EnumSet.copyOf(days));
        this.from = Objects.requireNonNull(from, "from");
        this.to = to;
        if (to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException(
                    "calendar " + name + ": the working day must end after it starts (" + from + "–" + to + ")");
        }
        this.holidays = Set.copyOf(holidays);
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone;
    }

    public Set<DayOfWeek> days() {
        return days;
    }

    public LocalTime from() {
        return from;
    }

    /** The end of each day's window; null for 24:00. */
    public LocalTime to() {
        return to;
    }

    public Set<LocalDate> holidays() {
        return holidays;
    }

    /** The same calendar in another zone (the customer's). */
    public WorkingCalendar withZone(ZoneId other) {
        return other == null || other.equals(zone) ? this : new WorkingCalendar(name, other, days, from, to, holidays);
    }

    /** One working day: the length of the daily window on the wall clock (24 h for 00:00–24:00, 8 h for 09–17). */
    public Duration workingDay() {
        return to == null ? Duration.between(from, LocalTime.MIDNIGHT).plusDays(1) : Duration.between(from, to);
    }

    /** The instant at which {@code amount} of working time has passed, counting from {@code start}. */
    public Instant add(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("negative working time " + amount);
        }
        if (amount.isZero()) {
            return start;
        }
        if (aroundTheClock()) {
            return start.plus(amount);
        }
        Duration remaining = amount;
        LocalDate date = start.atZone(zone).toLocalDate();
        for (int i = 0; i < MAX_DAYS; i++, date = date.plusDays(1)) {
            if (!isWorkingDay(date)) {
                continue;
            }
            Instant windowStart = windowStart(date);
            Instant begin = windowStart.isAfter(start) ? windowStart : start;
            Instant end = windowEnd(date);
            if (!end.isAfter(begin)) {
                continue;
            }
            Duration available = Duration.between(begin, end);
            if (remaining.compareTo(available) <= 0) {
                return begin.plus(remaining);
            }
            remaining = remaining.minus(available);
        }
        throw new IllegalStateException(
                "calendar " + name + " has no working time left within " + MAX_DAYS + " days of " + start);
    }

    /** The working time between {@code start} and {@code end}; zero when {@code end} is not after {@code start}. */
    public Duration between(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            return Duration.ZERO;
        }
        if (aroundTheClock()) {
            return Duration.between(start, end);
        }
        Duration total = Duration.ZERO;
        LocalDate last = end.atZone(zone).toLocalDate();
        for (LocalDate date = start.atZone(zone).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
            if (!isWorkingDay(date)) {
                continue;
            }
            Instant windowStart = windowStart(date);
            Instant windowEnd = windowEnd(date);
            Instant begin = windowStart.isAfter(start) ? windowStart : start;
            Instant finish = windowEnd.isBefore(end) ? windowEnd : end;
            if (finish.isAfter(begin)) {
                total = total.plus(Duration.between(begin, finish));
            }
        }
        return total;
    }

    public boolean isWorkingDay(LocalDate date) {
        return days.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    private boolean aroundTheClock() {
        return days.size() == 7 && from.equals(LocalTime.MIDNIGHT) && to == null && holidays.isEmpty();
    }

    private Instant windowStart(LocalDate date) {
        ZonedDateTime start = from.equals(LocalTime.MIDNIGHT)
                ? date.atStartOfDay(zone)
                : ZonedDateTime.of(date, from, zone); // a time in a DST gap moves forward by the gap
        return start.toInstant();
    }

    private Instant windowEnd(LocalDate date) {
        ZonedDateTime end = to == null ? date.plusDays(1).atStartOfDay(zone) : ZonedDateTime.of(date, to, zone);
        return end.toInstant();
    }

    @Override
    public String toString() {
        return name + " (" + zone + ")";
    }
}
