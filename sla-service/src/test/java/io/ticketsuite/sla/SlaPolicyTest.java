package io.ticketsuite.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.sla.config.SlaConfig;
import io.ticketsuite.sla.config.SlaPolicyProducer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlaPolicyTest {
    static final Instant START = Instant.parse("2025-03-14T09:26:53.589793Z");
    static final UUID TICKET = UUID.randomUUID();

    /** The default policy of the suite, as application.properties configures it. */
    static SlaPolicy defaultPolicy() {
        return new SlaPolicy(
                SlaPolicyProducer.targetsOf(targets("15m", "4h", "1h", "8h", "4h", "2d", "1d", "5d")),
                new AroundTheClockCalculator());
    }

    @ParameterizedTest
    @CsvSource({"P1, PT15M, PT4H", "P2, PT1H, PT8H", "P3, PT4H, PT48H", "P4, PT24H, PT120H"})
    void shouldDueEachClockAtItsPriorityTargetAroundTheClock(
            Priority priority, Duration response, Duration resolution) {
        SlaPolicy policy = defaultPolicy();

        ClockPlan responsePlan = policy.plan(TICKET, SlaClock.RESPONSE, priority, CustomerTier.FREE, START);
        ClockPlan resolutionPlan = policy.plan(TICKET, SlaClock.RESOLUTION, priority, CustomerTier.ENTERPRISE, START);

        assertThat(responsePlan.target()).isEqualTo(response);
        assertThat(responsePlan.dueAt()).isEqualTo(START.plus(response));
        assertThat(resolutionPlan.target()).isEqualTo(resolution);
        assertThat(resolutionPlan.dueAt()).isEqualTo(START.plus(resolution));
    }

    @Test
    void shouldPlaceThresholdsAtHalfThreeQuartersFullAndOneAndAQuarterOfTheTarget() {
        ClockPlan plan = defaultPolicy().plan(TICKET, SlaClock.RESPONSE, Priority.P1, CustomerTier.ENTERPRISE, START);

        assertThat(plan.thresholds()).containsOnlyKeys(50, 75, 100, 125);
        assertThat(plan.thresholdAt(50)).isEqualTo(START.plusSeconds(450));
        assertThat(plan.thresholdAt(75)).isEqualTo(START.plusSeconds(675));
        assertThat(plan.thresholdAt(100)).isEqualTo(START.plusSeconds(900)).isEqualTo(plan.dueAt());
        assertThat(plan.thresholdAt(125)).isEqualTo(START.plusSeconds(1125));
    }

    @Test
    void shouldKeepInstantsAtMicrosecondPrecisionLikeTheDatabase() {
        Instant nanos = Instant.parse("2025-01-01T00:00:00.123456789Z");
        ClockPlan plan = defaultPolicy().plan(TICKET, SlaClock.RESPONSE, Priority.P1, CustomerTier.FREE, nanos);

        assertThat(plan.dueAt()).isEqualTo(Instant.parse("2025-01-01T00:15:00.123456Z"));
        assertThat(plan.thresholds().values()).allMatch(i -> i.getNano() % 1000 == 0);
    }

    @Test
    void shouldReportElapsedPercentOfTheTarget() {
        SlaPolicy policy = defaultPolicy();
        Duration target = Duration.ofMinutes(15);

        assertThat(policy.elapsedPercent(
                        TICKET, SlaClock.RESPONSE, Priority.P1, null, START, target, START.plusSeconds(450)))
                .isEqualTo(50.0);
        assertThat(policy.elapsedPercent(
                        TICKET, SlaClock.RESPONSE, Priority.P1, null, START, target, START.plusSeconds(1000)))
                .isEqualTo(111.1);
        assertThat(policy.elapsedPercent(
                        TICKET, SlaClock.RESPONSE, Priority.P1, null, START, target, START.minusSeconds(10)))
                .isZero();
    }

    @Test
    void shouldRefuseANonPositiveTarget() {
        assertThatThrownBy(() -> SlaPolicyProducer.targetsOf(targets("0s", "4h", "1h", "8h", "4h", "2d", "1d", "5d")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sla.targets.p1.response");
    }

    static SlaConfig.Targets targets(String... values) {
        Duration[] d = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = parse(values[i]);
        }
        return new SlaConfig.Targets() {
            public SlaConfig.Target p1() {
                return target(d[0], d[1]);
            }

            public SlaConfig.Target p2() {
                return target(d[2], d[3]);
            }

            public SlaConfig.Target p3() {
                return target(d[4], d[5]);
            }

            public SlaConfig.Target p4() {
                return target(d[6], d[7]);
            }
        };
    }

    private static SlaConfig.Target target(Duration response, Duration resolution) {
        return new SlaConfig.Target() {
            public Duration response() {
                return response;
            }

            public Duration resolution() {
                return resolution;
            }
        };
    }

    /** The short form the configuration uses: 15m, 4h, 2d. */
    private static Duration parse(String value) {
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException(value);
        };
    }
}
