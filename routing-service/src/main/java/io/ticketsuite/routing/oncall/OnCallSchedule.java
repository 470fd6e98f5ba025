package io.ticketsuite.routing.oncall;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A team's weekly on-call rotation, plain Java: members take turns in order, handing over every week on
 * {@code handoverDay} at {@code handoverTime} local time in {@code zone} (so the hand-over stays at 09:00 local across
 * a DST change; a hand-over time inside a DST gap moves forward by the gap). The first member is on call from the
 * hand-over on {@code startsOn}. An override covering the local day of the instant wins (the latest starting one
 * when several do).
 */
public record OnCallSchedule(
        String teamId,
        ZoneId zone,
        DayOfWeek handoverDay,
        LocalTime handoverTime,
        LocalDate startsOn,
        List<Member> members,
        List<Cover> overrides) {

    /** A member of the rotation. */
    public record Member(String staffId, String name) {}

    /** Someone covering whole days {@code fromDate}..{@code toDate} (inclusive, local to the rotation's zone). */
    public record Cover(String staffId, String name, LocalDate fromDate, LocalDate toDate, String reason) {
        boolean covers(LocalDate day) {
            return !day.isBefore(fromDate) && !day.isAfter(toDate);
        }
    }

    /** Who is on call, why (rotation or override) and for which interval [from, until). */
    public record OnCall(String staffId, String name, Source source, Instant from, Instant until, String reason) {}

    public enum Source {
        ROTATION,
        OVERRIDE
    }

    public OnCallSchedule {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(handoverDay, "handoverDay");
        Objects.requireNonNull(handoverTime, "handoverTime");
        Objects.requireNonNull(startsOn, "startsOn");
        if (startsOn.getDayOfWeek() != handoverDay) {
            throw new IllegalArgumentException(
                    "starts_on " + startsOn + " of team " + teamId + " is not a " + handoverDay);
        }
        members = List.copyOf(members);
        overrides = List.copyOf(overrides);
    }

    /** Who is on call at the instant; empty when the rotation has no member and no override covers it. */
    public Optional<OnCall> at(Instant at) {
        LocalDate day = at.atZone(zone).toLocalDate();
        Optional<Cover> cover =
                overrides.stream().filter(c -> c.covers(day)).max(Comparator.comparing(Cover::fromDate));
        if (cover.isPresent()) {
            Cover c = cover.get();
            return Optional.of(new OnCall(
                    c.staffId(),
                    c.name(),
                    Source.OVERRIDE,
                    c.fromDate().atStartOfDay(zone).toInstant(),
                    c.toDate().plusDays(1).atStartOfDay(zone).toInstant(),
                    c.reason()));
        }
        if (members.isEmpty()) {
            return Optional.empty();
        }
        LocalDate shiftDay = day.with(TemporalAdjusters.previousOrSame(handoverDay));
        if (handover(shiftDay).isAfter(at)) {
            shiftDay = shiftDay.minusWeeks(1);
        }
        long weeks = ChronoUnit.WEEKS.between(startsOn, shiftDay);
        Member member = members.get((int) Math.floorMod(weeks, (long) members.size()));
        return Optional.of(new OnCall(
                member.staffId(),
                member.name(),
                Source.ROTATION,
                handover(shiftDay),
                handover(shiftDay.plusWeeks(1)),
                null));
    }

    private Instant handover(LocalDate day) {
        return ZonedDateTime.of(day, handoverTime, zone).toInstant();
    }
}
