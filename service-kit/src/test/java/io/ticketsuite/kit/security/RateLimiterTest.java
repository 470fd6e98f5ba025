package io.ticketsuite.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The limit syntax and what a parsed limit lets through. */
class RateLimiterTest {

    @Test
    void shouldParseCapacityAndPeriodInEveryUnit() {
        assertThat(RateLimiter.parse("k", "20/1m").getCapacity()).isEqualTo(20);
        assertThat(RateLimiter.parse("k", "20/1m").getRefillPeriodNanos())
                .isEqualTo(Duration.ofMinutes(1).toNanos());
        assertThat(RateLimiter.parse("k", "2000/2s").getRefillPeriodNanos())
                .isEqualTo(Duration.ofSeconds(2).toNanos());
        assertThat(RateLimiter.parse("k", "5/PT1H").getRefillPeriodNanos())
                .isEqualTo(Duration.ofHours(1).toNanos());
        assertThat(RateLimiter.parse("k", "7").getRefillPeriodNanos())
                .isEqualTo(Duration.ofMinutes(1).toNanos());
    }

    @Test
    void shouldRefuseLimitsThatAreNotCapacityOverPeriod() {
        assertThatThrownBy(() -> RateLimiter.parse("create-ticket.customer", "many/1m"))
                .hasMessageContaining("ts.rate-limit.create-ticket.customer=many/1m");
        assertThatThrownBy(() -> RateLimiter.parse("k", "0/1m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimiter.parse("k", "5/1w")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldLetABurstOfCapacityThroughThenRefuse() {
        Bandwidth limit = RateLimiter.parse("k", "3/1h");
        Bucket bucket = Bucket.builder().addLimit(limit).build();

        assertThat(bucket.tryConsume(1)).isTrue();
        assertThat(bucket.tryConsume(1)).isTrue();
        assertThat(bucket.tryConsume(1)).isTrue();
        assertThat(bucket.tryConsumeAndReturnRemaining(1).isConsumed()).isFalse();
        assertThat(bucket.tryConsumeAndReturnRemaining(1).getNanosToWaitForRefill())
                .isPositive();
    }

    @Test
    void shouldAbsorbAnAlertStormThroughOneChannelAccountByDefault() {
        Bandwidth channel =
                RateLimiter.parse("create-ticket.channel", RateLimiter.DEFAULTS.get("create-ticket.channel"));

        // several hundred tickets per second must not be refused: at least 500/s sustained, 1,000 at once
        assertThat(channel.getCapacity()).isGreaterThanOrEqualTo(1000);
        assertThat(channel.getRefillTokens() * 1_000_000_000L / channel.getRefillPeriodNanos())
                .isGreaterThanOrEqualTo(500);
    }
}
