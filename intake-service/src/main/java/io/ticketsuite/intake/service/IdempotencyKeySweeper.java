package io.ticketsuite.intake.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.intake.config.IntakeConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Forgets Idempotency-Keys older than {@code intake.idempotency-key-ttl}, so the table does not grow forever. */
@ApplicationScoped
public class IdempotencyKeySweeper {
    private static final Logger LOG = Logger.getLogger(IdempotencyKeySweeper.class);
    private static final String DELETE_EXPIRED =
            "DELETE FROM idempotency_key WHERE created_at < now() - make_interval(secs => $1)";

    private final Pool pool;
    private final IntakeConfig config;
    private final Counter expired;

    public IdempotencyKeySweeper(Pool pool, IntakeConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        this.expired = Counter.builder("ts.idempotency.keys.expired")
                .description("Idempotency-Keys forgotten after their TTL")
                .register(registry);
    }

    @Scheduled(
            identity = "idempotency-key-sweep",
            every = "${intake.idempotency-key-sweep:10m}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> scheduledSweep() {
        return sweep().onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("deleting expired idempotency keys failed (next round retries): %s", e.getMessage());
                    return 0;
                })
                .replaceWithVoid();
    }

    /** Deletes the expired keys; returns how many. */
    public Uni<Integer> sweep() {
        double ttlSeconds = config.idempotencyKeyTtl().toMillis() / 1000.0;
        return pool.preparedQuery(DELETE_EXPIRED).execute(Tuple.of(ttlSeconds)).map(rows -> {
            expired.increment(rows.rowCount());
            return rows.rowCount();
        });
    }
}
