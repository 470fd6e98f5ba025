package io.ticketsuite.notification.email;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * E-mail metrics, counted after the sweep's transaction committed: {@code ts.notification.email.sent},
 * {@code .retried} and {@code .failed} (by kind), and the gauge
 * {@code ts.notification.email.queue} (messages still to send, refreshed by every sweep).
 */
@ApplicationScoped
public class EmailMetrics {
    private final MeterRegistry registry;
    private final AtomicLong queue = new AtomicLong();

    public EmailMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("ts.notification.email.queue", queue, AtomicLong::get)
                .description("e-mails waiting to be sent (pending, due or waiting for a retry)")
                .register(registry);
    }

    public void sent(String kind) {
        counter("ts.notification.email.sent", "e-mails accepted by the SMTP server", kind)
                .increment();
    }

    public void retried(String kind) {
        counter("ts.notification.email.retried", "failed e-mail attempts that will be retried", kind)
                .increment();
    }

    public void failed(String kind) {
        counter("ts.notification.email.failed", "e-mails given up after the last attempt", kind)
                .increment();
    }

    public void queueDepth(long pending) {
        queue.set(pending);
    }

    private Counter counter(String name, String description, String kind) {
        return Counter.builder(name).description(description).tag("kind", kind).register(registry);
    }
}
