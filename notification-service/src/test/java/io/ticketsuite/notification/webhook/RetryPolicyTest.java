package io.ticketsuite.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy defaults = new RetryPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 12);

    @Test
    void shouldDoubleTheWaitUpToTheCap() {
        assertThat(defaults.backoff(1, OptionalLong.empty())).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.backoff(2, OptionalLong.empty())).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.backoff(3, OptionalLong.empty())).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.backoff(8, OptionalLong.empty())).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.backoff(1000, OptionalLong.empty())).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldSpanHoursWithTheDefaults() {
        Duration total = Duration.ZERO;
        for (int attempts = 1; defaults.retry(attempts); attempts++) {
            total = total.plus(defaults.backoff(attempts, OptionalLong.empty()));
        }
        assertThat(total).isBetween(Duration.ofHours(4), Duration.ofHours(8));
        assertThat(defaults.retry(11)).isTrue();
        assertThat(defaults.retry(12)).isFalse();
    }

    @Test
    void shouldHonourRetryAfterUpToTheCapAndJitterAtMostTenPercent() {
        assertThat(defaults.backoff(1, OptionalLong.of(120))).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.backoff(1, OptionalLong.of(86_400))).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.backoff(3, OptionalLong.of(5))).isEqualTo(Duration.ofMinutes(2));
        for (int i = 0; i < 100; i++) {
            assertThat(defaults.jittered(2, OptionalLong.empty()))
                    .isBetween(Duration.ofSeconds(60), Duration.ofSeconds(66));
        }
    }
}
