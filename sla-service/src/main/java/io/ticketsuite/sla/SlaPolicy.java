package io.ticketsuite.sla;

import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The SLA policy and its arithmetic: per tier a working-time calendar and, per priority, the response and
 * resolution targets (working time of that calendar); which statuses pause which clocks; and the instants of a
 * clock's thresholds (50 % and 75 % warn, 100 % breaches, 125 % escalates), fractions of its target in working
 * time. Plain Java; loaded from YAML by {@code SlaPolicyLoader}.
 */
public final class SlaPolicy {
    /** The thresholds of every clock, in percent of its target. */
    public static final List<Integer> THRESHOLD_PERCENTS = List.of(50, 75, 100, 125);

    public static final int BREACH_PERCENT = 100;

    /** A tier's response and resolution target for one priority, in working time. */
    public record Targets(Duration response, Duration resolution) {
        public Duration of(SlaClock clock) {
            return clock == SlaClock.RESPONSE ? response : resolution;
        }
    }

    /** A tier's calendar (by name) and its targets per priority. */
    public record TierPolicy(String calendar, Map<Priority, Targets> targets) {}

    private final Map<String, WorkingCalendar> calendars;
    private final Map<CustomerTier, TierPolicy> tiers;
    private final Map<TicketStatus, Set<SlaClock>> pauses;

    public SlaPolicy(
            Map<String, WorkingCalendar> calendars,
            Map<CustomerTier, TierPolicy> tiers,
            Map<TicketStatus, Set<SlaClock>> pauses) {
        this.calendars = Map.copyOf(calendars);
        this.tiers = new EnumMap<>(tiers);
        this.pauses = new EnumMap<>(TicketStatus.class);
        pauses.forEach((status, clocks) ->
                this.pauses.put(status, clocks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(clocks))));
        for (CustomerTier tier : CustomerTier.values()) {
            TierPolicy policy = tiers.get(tier);
            if (policy == null) {
                throw new IllegalArgumentException("no policy for tier " + tier);
            }
            if (!calendars.containsKey(policy.calendar())) {
                throw new IllegalArgumentException(
                        "tier " + tier + " uses the unknown calendar '" + policy.calendar() + "'");
            }
            for (Priority priority : Priority.values()) {
                if (!policy.targets().containsKey(priority)) {
                    throw new IllegalArgumentException("tier " + tier + " has no targets for " + priority);
                }
            }
        }
    }

    /** The tier's calendar in {@code zone} (the customer's), or in its configured zone when {@code zone} is null. */
    public WorkingCalendar calendar(CustomerTier tier, ZoneId zone) {
        return calendars.get(tierPolicy(tier).calendar()).withZone(zone);
    }

    public Map<String, WorkingCalendar> calendars() {
        return calendars;
    }

    public Duration target(CustomerTier tier, Priority priority, SlaClock clock) {
        return tierPolicy(tier).targets().get(priority).of(clock);
    }

    /** The clocks a ticket in this status does not count (empty for a status that pauses nothing). */
    public Set<SlaClock> pausedBy(TicketStatus status) {
        return status == null ? Set.of() : pauses.getOrDefault(status, Set.of());
    }

    public Map<TicketStatus, Set<SlaClock>> pauses() {
        return Map.copyOf(pauses);
    }

    /**
     * The schedule of a clock of this priority and tier started at {@code start}, after the given closed pauses
     * (in order): every instant that lies after a pause's start moves by the working time the pause lasted.
     * Instants at microsecond precision.
     */
    public ClockPlan plan(
            SlaClock clock,
            Priority priority,
            CustomerTier tier,
            ZoneId zone,
            Instant start,
            List<PausedInterval> closedPauses) {
        WorkingCalendar calendar = calendar(tier, zone);
        Duration target = target(tier, priority, clock);
        Map<Integer, Instant> thresholds = new LinkedHashMap<>();
        for (int percent : THRESHOLD_PERCENTS) {
            Instant at = calendar.add(start, share(target, percent));
            for (PausedInterval pause : closedPauses) {
                at = shift(calendar, at, pause.pausedAt(), pause.resumedAt());
            }
            thresholds.put(percent, micros(at));
        }
        return new ClockPlan(clock, priority, start, target, thresholds.get(BREACH_PERCENT), Map.copyOf(thresholds));
    }

    /**
     * Where an instant of a clock lands once the clock was paused from {@code pausedAt} to {@code resumedAt}:
     * unchanged if it came before the pause, else as much working time after the resume as it was after the
     * pause's start (so it moves by exactly the paused working time).
     */
    public static Instant shift(WorkingCalendar calendar, Instant instant, Instant pausedAt, Instant resumedAt) {
        if (!instant.isAfter(pausedAt)) {
            return instant;
        }
        return micros(calendar.add(resumedAt, calendar.between(pausedAt, instant)));
    }

    /**
     * The working time a clock counted between its start and {@code at} (minus {@code paused}, and minus the open
     * pause since {@code pausedSince} if any), in percent of its target (0.1 precision).
     */
    public static double elapsedPercent(
            WorkingCalendar calendar,
            Instant start,
            Duration target,
            Duration paused,
            Instant pausedSince,
            Instant at) {
        if (target.isZero() || target.isNegative()) {
            return 0;
        }
        Duration used = calendar.between(start, at).minus(paused);
        if (pausedSince != null) {
            used = used.minus(calendar.between(pausedSince, at));
        }
        if (used.isNegative()) {
            used = Duration.ZERO;
        }
        double percent = used.toMillis() * 100.0 / target.toMillis();
        return Math.round(percent * 10) / 10.0;
    }

    static Duration share(Duration target, int percent) {
        return target.multipliedBy(percent).dividedBy(100);
    }

    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private TierPolicy tierPolicy(CustomerTier tier) {
        return tiers.get(Objects.requireNonNull(tier, "tier"));
    }
}
