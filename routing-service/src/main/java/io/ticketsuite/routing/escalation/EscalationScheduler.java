package io.ticketsuite.routing.escalation;

import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Sweeps missed escalation deadlines every {@code routing.escalation.sweep.every} (a Vert.x periodic timer, first
 * tick after {@code initial-delay}). A tick still running makes the next one skip. What is due lives in the database,
 * so several replicas, stops and restarts never lose nor repeat a level.
 */
@ApplicationScoped
public class EscalationScheduler {
    private static final Logger LOG = Logger.getLogger(EscalationScheduler.class);

    private final Vertx vertx;
    private final EscalationSweepService sweep;
    private final EscalationMetrics metrics;
    private final EscalationConfig.Sweep config;
    private final AtomicBoolean busy = new AtomicBoolean();
    private long timerId = -1;

    public EscalationScheduler(
            Vertx vertx, EscalationSweepService sweep, EscalationMetrics metrics, EscalationConfig config) {
        this.vertx = vertx;
        this.sweep = sweep;
        this.metrics = metrics;
        this.config = config.sweep();
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            timerId = vertx.setPeriodic(
                    Math.max(1, config.initialDelay().toMillis()),
                    config.every().toMillis(),
                    id -> tick());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    private void tick() {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        // Hibernate Reactive Panache needs a safe duplicated context of its own per round.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        Timer.Sample sample = metrics.startSweep();
        context.runOnContext(ignored -> sweep.sweepDue()
                .subscribe()
                .with(
                        swept -> {
                            metrics.sweep(sample, swept > 0 ? "fired" : "idle");
                            busy.set(false);
                        },
                        failure -> {
                            metrics.sweep(sample, "failed");
                            LOG.warnf("escalation sweep failed, will retry: %s", failure.toString());
                            busy.set(false);
                        }));
    }
}
