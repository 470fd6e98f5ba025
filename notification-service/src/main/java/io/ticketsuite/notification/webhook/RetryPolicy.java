package io.ticketsuite.notification.webhook;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a failed delivery again: {@code first × 2^(attempts−1)}, capped at {@code max}, plus up to 10 % jitter;
 * a receiver's {@code Retry-After} (seconds) is honoured up to the cap. After {@code maxAttempts} it fails for good.
 */
public record RetryPolicy(Duration first, Duration max, int maxAttempts) {

    public static RetryPolicy of(WebhookConfig config) {
        return new RetryPolicy(config.firstBackoff(), config.maxBackoff(), config.maxAttempts());
    }

    /** Whether a delivery that has failed {@code attempts} times gets another attempt. */
    public boolean retry(int attempts) {
        return attempts < maxAttempts;
    }

    /** The wait before the next attempt, without jitter, after {@code attempts} failed ones (≥ 1). */
    public Duration backoff(int attempts, OptionalLong retryAfterSeconds) {
        long firstMs = Math.max(1, first.toMillis());
        long maxMs = Math.max(firstMs, max.toMillis());
        int shift = Math.min(Math.max(attempts - 1, 0), 40);
        long ms = firstMs > (maxMs >> shift) ? maxMs : Math.min(maxMs, firstMs << shift);
        if (retryAfterSeconds.isPresent() && retryAfterSeconds.getAsLong() > 0) {
            ms = Math.max(ms, Math.min(maxMs, retryAfterSeconds.getAsLong() * 1000));
        }
        return Duration.ofMillis(ms);
    }

    /** {@link #backoff} plus up to 10 % random jitter (so failing receivers are not hit in lockstep). */
    public Duration jittered(int attempts, OptionalLong retryAfterSeconds) {
        Duration base = backoff(attempts, retryAfterSeconds);
        long jitter = ThreadLocalRandom.current().nextLong(base.toMillis() / 10 + 1);
        return base.plusMillis(jitter);
    }
}
