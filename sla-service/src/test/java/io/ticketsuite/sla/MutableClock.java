package io.ticketsuite.sla;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock of the application under test: it replaces the kit's system clock (a {@code @DefaultBean}) and only
 * moves when a test advances it, so thresholds hours away are reached in milliseconds. It only moves forward, so
 * tests sharing the application never see time go back.
 */
@Singleton
public class MutableClock extends Clock {
    private final AtomicReference<Instant> now =
            new AtomicReference<>(Instant.now().truncatedTo(ChronoUnit.MILLIS));

    @Override
    public Instant instant() {
        return now.get();
    }

    public Instant advance(Duration duration) {
        return now.updateAndGet(i -> i.plus(duration));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
