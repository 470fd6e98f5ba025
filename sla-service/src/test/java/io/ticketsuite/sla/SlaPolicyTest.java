package io.ticketsuite.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.sla.policy.SlaPolicyLoader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default policy is the contract, thresholds are fractions of working time, and a bad policy is refused. */
class SlaPolicyTest {
    static final Instant FRIDAY_1600 = Instant.parse("2025-03-14T16:00:00Z");

    /** The policy the service ships (sla-policy.yaml). */
    static SlaPolicy defaultPolicy() {
        return SlaPolicyLoader.load("classpath:sla-policy.yaml");
    }

    @ParameterizedTest(name = "{0} {1}: {2}, {3} / {4}")
    @CsvSource({
        "ENTERPRISE, P1, 24/7, PT15M, PT4H",
        "ENTERPRISE, P2, 24/7, PT1H, PT8H",
        "ENTERPRISE, P3, 24/7, PT4H, PT48H",
        "ENTERPRISE, P4, 24/7, PT24H, PT120H",
        "PROFESSIONAL, P1, 24/5, PT30M, PT4H",
        "PROFESSIONAL, P2, 24/5, PT2H, PT8H",
        "PROFESSIONAL, P3, 24/5, PT4H, PT48H",
        "PROFESSIONAL, P4, 24/5, PT24H, PT120H",
        "STARTER, P1, business-hours, PT1H, PT4H",
        "STARTER, P2, business-hours, PT4H, PT8H",
        "STARTER, P3, business-hours, PT4H, PT16H",
        "STARTER, P4, business-hours, PT8H, PT40H",
        "FREE, P1, business-hours, PT4H, PT4H",
        "FREE, P2, business-hours, PT8H, PT8H",
        "FREE, P3, business-hours, PT4H, PT16H",
        "FREE, P4, business-hours, PT8H, PT40H",
    })
    void shouldShipTheContractAsTheDefaultPolicy(
            CustomerTier tier, Priority priority, String calendar, Duration response, Duration resolution) {
        SlaPolicy policy = defaultPolicy();

        assertThat(policy.calendar(tier, null).name()).isEqualTo(calendar);
        assertThat(policy.calendar(tier, null).zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(policy.target(tier, priority, SlaClock.RESPONSE)).isEqualTo(response);
        assertThat(policy.target(tier, priority, SlaClock.RESOLUTION)).isEqualTo(resolution);
    }

    @Test
    void shouldDueAFreeP3TicketOfFridayAfternoonOnMondayAndTuesday() {
        SlaPolicy policy = defaultPolicy();

        ClockPlan response =
                policy.plan(SlaClock.RESPONSE, Priority.P3, CustomerTier.FREE, null, FRIDAY_1600, List.of());
        ClockPlan resolution =
                policy.plan(SlaClock.RESOLUTION, Priority.P3, CustomerTier.FREE, null, FRIDAY_1600, List.of());

        assertThat(response.dueAt()).isEqualTo(Instant.parse("2025-03-17T12:00:00Z"));
        assertThat(resolution.dueAt()).isEqualTo(Instant.parse("2025-03-18T16:00:00Z"));
    }

    @Test
    void shouldPlaceThresholdsAtFractionsOfTheTargetInWorkingTime() {
        ClockPlan plan =
                defaultPolicy().plan(SlaClock.RESOLUTION, Priority.P3, CustomerTier.FREE, null, FRIDAY_1600, List.of());

        assertThat(plan.thresholds()).containsOnlyKeys(50, 75, 100, 125);
        assertThat(plan.thresholdAt(50)).isEqualTo(Instant.parse("2025-03-17T16:00:00Z")); // 8 h: Fri 1 + Mon 7
        assertThat(plan.thresholdAt(75)).isEqualTo(Instant.parse("2025-03-18T12:00:00Z")); // 12 h
        assertThat(plan.thresholdAt(100)).isEqualTo(plan.dueAt());
        assertThat(plan.thresholdAt(125)).isEqualTo(Instant.parse("2025-03-19T12:00:00Z")); // 20 h
    }

    @Test
    void shouldUseTheCustomersTimeZoneWhenGiven() {
        // Friday 16:00 in Berlin (CET, UTC+1) = 15:00 UTC: 1 h on Friday, 3 h on Monday until 12:00 Berlin
        ClockPlan plan = defaultPolicy()
                .plan(
                        SlaClock.RESPONSE,
                        Priority.P3,
                        CustomerTier.FREE,
                        ZoneId.of("Europe/Berlin"),
                        Instant.parse("2025-03-14T15:00:00Z"),
                        List.of());

        assertThat(plan.dueAt()).isEqualTo(Instant.parse("2025-03-17T11:00:00Z"));
    }

    @Test
    void shouldMoveInstantsAfterAPauseByThePausedWorkingTime() {
        SlaPolicy policy = defaultPolicy();
        // paused Friday 16:30 to Monday 10:00: 0.5 h on Friday + 1 h on Monday of working time
        PausedInterval pause =
                new PausedInterval(Instant.parse("2025-03-14T16:30:00Z"), Instant.parse("2025-03-17T10:00:00Z"));

        ClockPlan plan =
                policy.plan(SlaClock.RESOLUTION, Priority.P3, CustomerTier.FREE, null, FRIDAY_1600, List.of(pause));
        ClockPlan unpaused =
                policy.plan(SlaClock.RESOLUTION, Priority.P3, CustomerTier.FREE, null, FRIDAY_1600, List.of());
        WorkingCalendar calendar = policy.calendar(CustomerTier.FREE, null);

        assertThat(plan.dueAt()).isEqualTo(Instant.parse("2025-03-19T09:30:00Z"));
        assertThat(calendar.between(unpaused.dueAt(), plan.dueAt())).isEqualTo(Duration.ofMinutes(90));
        assertThat(plan.thresholdAt(50)).isEqualTo(Instant.parse("2025-03-18T09:30:00Z"));
    }

    @Test
    void shouldKeepInstantsAtMicrosecondPrecisionLikeTheDatabase() {
        Instant nanos = Instant.parse("2025-01-01T00:00:00.123456789Z");
        ClockPlan plan =
                defaultPolicy().plan(SlaClock.RESPONSE, Priority.P1, CustomerTier.ENTERPRISE, null, nanos, List.of());

        assertThat(plan.dueAt()).isEqualTo(Instant.parse("2025-01-01T00:15:00.123456Z"));
        assertThat(plan.thresholds().values()).allMatch(i -> i.getNano() % 1000 == 0);
    }

    @Test
    void shouldReportElapsedPercentOfWorkingTimeWithoutPauses() {
        WorkingCalendar calendar = defaultPolicy().calendar(CustomerTier.FREE, null);
        Duration target = Duration.ofHours(4);

        // Friday 16:00 → Monday 10:00 = 2 working hours = 50 %
        assertThat(SlaPolicy.elapsedPercent(
                        calendar, FRIDAY_1600, target, Duration.ZERO, null, Instant.parse("2025-03-17T10:00:00Z")))
                .isEqualTo(50.0);
        // minus a closed 1 h pause, and minus an open pause since Monday 09:30
        assertThat(SlaPolicy.elapsedPercent(
                        calendar,
                        FRIDAY_1600,
                        target,
                        Duration.ofMinutes(30),
                        Instant.parse("2025-03-17T09:30:00Z"),
                        Instant.parse("2025-03-17T10:00:00Z")))
                .isEqualTo(25.0);
        assertThat(SlaPolicy.elapsedPercent(
                        calendar, FRIDAY_1600, target, Duration.ZERO, null, FRIDAY_1600.minusSeconds(10)))
                .isZero();
    }

    @Test
    void shouldPauseOnlyTheResolutionClockWhileWaitingByDefault() {
        SlaPolicy policy = defaultPolicy();

        assertThat(policy.pausedBy(TicketStatus.WAITING_FOR_CUSTOMER)).containsExactly(SlaClock.RESOLUTION);
        assertThat(policy.pausedBy(TicketStatus.WAITING_FOR_THIRD_PARTY)).containsExactly(SlaClock.RESOLUTION);
        assertThat(policy.pausedBy(TicketStatus.IN_PROGRESS)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown calendar | tiers.FREE.calendar: 'nine-to-five' is not a calendar",
                "bad zone | calendars.business-hours.zone: 'Mars/Olympus' is not a time zone",
                "bad target | tiers.FREE.targets.P3.resolution: 'two days' is not a duration",
                "zero target | tiers.FREE.targets.P3.resolution: must be positive",
                "missing priority | tiers.FREE.targets.P4: missing",
                "bad hours | calendars.business-hours.hours: the window must end after it starts",
                "bad holiday | calendars.business-hours.holidays: '2025-02-30' is not a date",
                "bad pause | pauses.RESOLVED: a resolved or closed ticket",
                "unknown key | Unrecognized field \"colour\"",
            })
    void shouldRefuseABadPolicyNamingTheEntry(String problem, String message) {
        String yaml = defaultYaml();
        String bad = switch (problem) {
            case "unknown calendar" ->
                yaml.replace("FREE:\n    calendar: business-hours", "FREE:\n    calendar: nine-to-five");
            case "bad zone" ->
                yaml.replace("business-hours:\n    zone: UTC", "business-hours:\n    zone: Mars/Olympus");
            case "bad target" ->
                replaceLast(yaml, "P3: {response: 4h, resolution: 2d}", "P3: {response: 4h, resolution: two days}");
            case "zero target" ->
                replaceLast(yaml, "P3: {response: 4h, resolution: 2d}", "P3: {response: 4h, resolution: 0h}");
            case "missing priority" -> replaceLast(yaml, "      P4: {response: 1d, resolution: 5d}\n", "");
            case "bad hours" -> yaml.replace("\"09:00-17:00\"", "\"17:00-09:00\"");
            case "bad holiday" ->
                yaml.replace(
                        "hours: \"09:00-17:00\"\n    holidays: []",
                        "hours: \"09:00-17:00\"\n    holidays: [2025-02-30]");
            case "bad pause" -> yaml.replace("WAITING_FOR_CUSTOMER:", "RESOLVED:");
            case "unknown key" -> yaml.replace("\npauses:", "\ncolour: blue\npauses:");
            default -> throw new IllegalArgumentException(problem);
        };
        assertThat(bad).isNotEqualTo(yaml);

        assertThatThrownBy(() -> SlaPolicyLoader.parse(bad))
                .isInstanceOf(SlaPolicyLoader.InvalidPolicyException.class)
                .hasMessageContaining(message);
    }

    @Test
    void shouldReadTheShippedPolicyFromItsYaml() {
        assertThat(SlaPolicyLoader.parse(defaultYaml()).calendars()).containsOnlyKeys("24/7", "24/5", "business-hours");
    }

    private static String replaceLast(String text, String what, String with) {
        int at = text.lastIndexOf(what);
        return text.substring(0, at) + with + text.substring(at + what.length());
    }

    static String defaultYaml() {
        try (var in = SlaPolicyTest.class.getClassLoader().getResourceAsStream("sla-policy.yaml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
