package io.ticketsuite.notification.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Webhook and chat delivery metrics, counted after the sender's transaction commits. */
@ApplicationScoped
public class WebhookMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final AtomicLong queue = new AtomicLong();

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("ts.webhook.queue", queue, AtomicLong::get)
                .description("webhook and chat deliveries pending or retrying (sampled each sender round)")
                .strongReference(true)
                .register(registry);
    }

    /** An attempt's outcome: {@code delivered}, {@code retrying}, {@code failed} (gave up). */
    public void attempt(String target, String outcome, Duration took) {
        counters.computeIfAbsent(
                        target + '|' + outcome,
                        k -> Counter.builder("ts.webhook.deliveries")
                                .description("webhook and chat delivery attempts by target and outcome")
                                .tag("target", target)
                                .tag("outcome", outcome)
                                .register(registry))
                .increment();
        timers.computeIfAbsent(
                        target,
                        k -> Timer.builder("ts.webhook.attempt")
                                .description("time of one delivery attempt (HTTP POST)")
                                .tag("target", target)
                                .register(registry))
                .record(took);
    }

    public void disabled() {
        counters.computeIfAbsent(
                        "disabled",
                        k -> Counter.builder("ts.webhook.subscriptions.disabled")
                                .description("subscriptions disabled after repeated failure or a 410 Gone")
                                .register(registry))
                .increment();
    }

    /** Deliveries pending or retrying (sampled each round). */
    public void queue(long depth) {
        queue.set(depth);
    }
}
