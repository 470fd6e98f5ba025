package io.ticketsuite.kit.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.jboss.logging.Logger;

/**
 * Consumers that wait for their environment: while a consumer retries a record after a transient failure (the
 * database or the broker unavailable), it takes no new records, the service's readiness is DOWN (so a load
 * balancer stops sending it requests and an operator sees why), {@code ts_events_consumer_stalled} is 1 for it,
 * and a log line says so when it starts, every 30 s while it lasts, and when it ends. The readiness check itself is
 * {@link EventConsumersReadiness} (a {@code @Readiness} bean is qualified, so it cannot be this injectable one).
 */
@ApplicationScoped
public class StalledConsumers {
    private static final Logger LOG = Logger.getLogger(StalledConsumers.class);
    private static final Duration REMIND_EVERY = Duration.ofSeconds(30);

    private final Map<String, Stall> stalls = new ConcurrentHashMap<>();
    private final Map<String, Boolean> gauges = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    public StalledConsumers(MeterRegistry registry) {
        this.registry = registry;
    }

    private static final class Stall {
        final Instant since;
        volatile Instant lastLog;
        volatile int attempts;
        volatile String reason;

        Stall(Instant since, String reason) {
            this.since = since;
            this.lastLog = since;
            this.reason = reason;
        }
    }

    /** A transient failure of {@code consumer}'s current record; it will be retried. */
    void failed(String consumer, String record, Throwable failure) {
        gauge(consumer);
        String reason = failure.toString();
        Instant now = Instant.now();
        Stall stall = stalls.get(consumer);
        if (stall == null) {
            stalls.put(consumer, new Stall(now, reason));
            LOG.warnf(
                    "%s: waiting for its environment (%s); %s will be retried until it succeeds, no new records meanwhile",
                    consumer, reason, record);
            return;
        }
        stall.attempts++;
        stall.reason = reason;
        if (Duration.between(stall.lastLog, now).compareTo(REMIND_EVERY) >= 0) {
            stall.lastLog = now;
            LOG.warnf(
                    "%s: still waiting for its environment after %d s and %d attempts (%s); %s not processed yet",
                    consumer, Duration.between(stall.since, now).toSeconds(), stall.attempts, reason, record);
        }
    }

    /** {@code consumer}'s record went through (or was dead-lettered): the stall, if any, is over. */
    void recovered(String consumer) {
        Stall stall = stalls.remove(consumer);
        if (stall != null) {
            LOG.infof(
                    "%s: recovered after %d s and %d retries",
                    consumer, Duration.between(stall.since, Instant.now()).toSeconds(), stall.attempts + 1);
        }
    }

    public boolean isStalled(String consumer) {
        return stalls.containsKey(consumer);
    }

    private void gauge(String consumer) {
        gauges.computeIfAbsent(consumer, c -> {
            Gauge.builder("ts.events.consumer.stalled", stalls, s -> s.containsKey(c) ? 1 : 0)
                    .description(
                            "1 while the consumer retries a record after a transient failure (takes no new records)")
                    .tag("consumer", c)
                    .register(registry);
            return true;
        });
    }

    /** The readiness answer: UP unless a consumer waits, then DOWN with who waits since when and why. */
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("event consumers").status(stalls.isEmpty());
        stalls.forEach((consumer, stall) -> response.withData(
                consumer, "waiting since " + stall.since + " (" + stall.attempts + " retries): " + stall.reason));
        return response.build();
    }
}
