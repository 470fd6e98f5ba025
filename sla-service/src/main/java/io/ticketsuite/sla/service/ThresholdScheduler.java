package io.ticketsuite.sla.service;

import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.sla.config.SlaConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Looks for due thresholds every {@code sla.scheduler.every} (quarkus-scheduler, first tick after
 * {@code sla.scheduler.initial-delay}; a round still running makes the next tick skip) and fires them. The simple
 * scheduler ticks at most once a second, so within a tick's period the round wakes up again when the next pending
 * threshold is due (read from the due index), at most every {@code sla.scheduler.resolution}: a threshold fires
 * about as soon as it is due instead of up to a period later. It only
 * triggers {@link ThresholdFiringService}: what is due lives in the database, so stopping and starting it (or
 * running it on several replicas) never loses nor repeats a threshold.
 */
@ApplicationScoped
public class ThresholdScheduler {
    private static final Logger LOG = Logger.getLogger(ThresholdScheduler.class);

    private final Vertx vertx;
    private final ThresholdFiringService firing;
    private final SlaMetrics metrics;
    private final Clock clock;
    private final Duration every;
    private final Duration resolution;
    /** Ticks do nothing before this instant; null = stopped ({@code sla.scheduler.enabled=false} or {@link #stop}). */
    private volatile Instant activeFrom;

    public ThresholdScheduler(
            Vertx vertx, ThresholdFiringService firing, SlaMetrics metrics, Clock clock, SlaConfig config) {
        this.vertx = vertx;
        this.firing = firing;
        this.metrics = metrics;
        this.clock = clock;
        this.every = config.scheduler().every();
        this.resolution = config.scheduler().resolution();
        // the first tick itself is delayed by sla.scheduler.initial-delay (@Scheduled below)
        this.activeFrom = config.scheduler().enabled() ? Instant.MIN : null;
    }

    /** (Re)starts firing after {@code delay}; does nothing if already started. */
    public synchronized void start(Duration delay) {
        if (activeFrom == null) {
            activeFrom = Instant.now().plus(delay);
        }
    }

    /** Stops firing (a round in flight completes or rolls back on its own). */
    public synchronized void stop() {
        activeFrom = null;
    }

    public synchronized boolean running() {
        return activeFrom != null;
    }

    @Scheduled(
            identity = "sla-threshold-sweep",
            every = "${sla.scheduler.every}",
            delayed = "${sla.scheduler.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        Instant from = activeFrom;
        if (from == null || Instant.now().isBefore(from)) {
            return Uni.createFrom().voidItem();
        }
        // the tick's period on the real (monotonic) clock: follow-up rounds stop before the next tick
        long period = Math.max(every.toNanos(), Duration.ofSeconds(1).toNanos());
        long periodEnd = System.nanoTime() + period - resolution.toNanos();
        return Uni.createFrom().emitter(emitter -> {
            // a safe duplicated context of its own for the chain of rounds (their timers and the pool calls run on it)
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> round(context, period, periodEnd, () -> emitter.complete(null)));
        });
    }

    /**
     * One round (fire what is due), then, while the period lasts, the next one when the next threshold is due. A
     * round that ends after its period (a long drain) keeps the chain going for the next period: the tick that
     * would have taken over was skipped ({@code SKIP}) while it ran, and waiting for the one after would leave the
     * due thresholds a whole period late.
     */
    private void round(Context context, long period, long periodEnd, Runnable done) {
        Timer.Sample sample = metrics.startTick();
        long started = System.nanoTime();
        firing.fireDue()
                .onItemOrFailure()
                .transformToUni((fired, failure) -> {
                    if (failure != null) {
                        metrics.tick(sample, "failed");
                        LOG.warnf("threshold scheduler round failed, will retry: %s", failure.toString());
                        return Uni.createFrom().<Instant>nullItem();
                    }
                    metrics.tick(sample, fired > 0 ? "fired" : "idle");
                    return firing.nextDue();
                })
                .subscribe()
                .with(
                        next -> {
                            if (next == null || activeFrom == null) {
                                done.run();
                                return;
                            }
                            long untilDue =
                                    Duration.between(clock.instant(), next).toNanos();
                            long wake = Math.max(started + resolution.toNanos(), System.nanoTime() + untilDue);
                            long end = periodEnd;
                            while (System.nanoTime() >= end) {
                                end += period; // this round overran its period: its tick was skipped
                            }
                            if (wake >= end) {
                                done.run(); // the next tick takes it
                                return;
                            }
                            long chainEnd = end;
                            long delayMs = Math.max(1, (wake - System.nanoTime()) / 1_000_000);
                            vertx.setTimer(
                                    delayMs, id -> context.runOnContext(x -> round(context, period, chainEnd, done)));
                        },
                        failure -> {
                            LOG.warnf(
                                    "threshold scheduler could not read the next due instant: %s", failure.toString());
                            done.run();
                        });
    }
}
