package io.ticketsuite.sla.service;

import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.ticketsuite.sla.config.SlaConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Looks for due thresholds every {@code sla.scheduler.every} (a Vert.x periodic timer, first tick after
 * {@code sla.scheduler.initial-delay}) and fires them. A tick still running makes the next one skip. It only
 * triggers {@link ThresholdFiringService}: what is due lives in the database, so stopping and starting it (or
 * running it on several replicas) never loses nor repeats a threshold.
 */
@ApplicationScoped
public class ThresholdScheduler {
    private static final Logger LOG = Logger.getLogger(ThresholdScheduler.class);

    private final Vertx vertx;
    private final ThresholdFiringService firing;
    private final SlaMetrics metrics;
    private final SlaConfig.Scheduler config;
    private final AtomicBoolean busy = new AtomicBoolean();
    private long timerId = -1;

    public ThresholdScheduler(Vertx vertx, ThresholdFiringService firing, SlaMetrics metrics, SlaConfig config) {
        this.vertx = vertx;
        this.firing = firing;
        this.metrics = metrics;
        this.config = config.scheduler();
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start(config.initialDelay());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts ticking after {@code delay}; does nothing if already started. */
    public synchronized void start(Duration delay) {
        if (timerId >= 0) {
            return;
        }
        timerId =
                vertx.setPeriodic(Math.max(1, delay.toMillis()), config.every().toMillis(), id -> tick());
        LOG.debugf("threshold scheduler started, every %s", config.every());
    }

    /** Stops ticking (a tick in flight completes or rolls back on its own). */
    public synchronized void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    public synchronized boolean running() {
        return timerId >= 0;
    }

    private void tick() {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        // Hibernate Reactive Panache needs a safe duplicated context of its own per round.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        Timer.Sample sample = metrics.startTick();
        context.runOnContext(ignored -> firing.fireDue()
                .subscribe()
                .with(
                        fired -> {
                            metrics.tick(sample, fired > 0 ? "fired" : "idle");
                            busy.set(false);
                        },
                        failure -> {
                            metrics.tick(sample, "failed");
                            LOG.warnf("threshold scheduler round failed, will retry: %s", failure.toString());
                            busy.set(false);
                        }));
    }
}
