package io.ticketsuite.kit.idempotency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.ticketsuite.kit.config.KitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Deletes {@code processed_event} rows older than {@code ts.inbox.retention} (longer than the topics' retention, so a
 * record that may still be delivered again is still remembered), in chunks of {@value #CHUNK} through the
 * {@code processed_at} index, every {@code ts.inbox.sweep-interval}. Without it the table grows by about 17 rows per
 * ticket forever. Several replicas may sweep at once: each chunk deletes rows nobody else has locked.
 */
@ApplicationScoped
public class ProcessedEventRetention {
    private static final Logger LOG = Logger.getLogger(ProcessedEventRetention.class);
    static final int CHUNK = 5_000;
    private static final String DELETE_CHUNK = "DELETE FROM processed_event WHERE ctid = ANY(ARRAY("
            + "SELECT ctid FROM processed_event WHERE processed_at < now() - make_interval(secs => ?)"
            + " LIMIT " + CHUNK + " FOR UPDATE SKIP LOCKED))";

    private final KitConfig config;
    private final DataSource dataSource;
    private final Counter deleted;
    private ScheduledExecutorService timer;

    public ProcessedEventRetention(KitConfig config, DataSource dataSource, MeterRegistry registry) {
        this.config = config;
        this.dataSource = dataSource;
        this.deleted = Counter.builder("ts.inbox.processed.deleted")
                .description("processed-event rows deleted after their retention")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        long every = Math.max(1, config.inbox().sweepInterval().toSeconds());
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "processed-event-retention");
            t.setDaemon(true);
            return t;
        });
        // the first sweep waits a minute: start-up (and Flyway) first
        timer.scheduleWithFixedDelay(this::sweepQuietly, Math.min(60, every), every, TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void sweepQuietly() {
        try {
            long count = sweep(dataSource, config.inbox().retention());
            deleted.increment(count);
            if (count > 0) {
                LOG.infof(
                        "deleted %d processed-event rows older than %s",
                        count, config.inbox().retention());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("processed-event retention sweep failed, will try again: %s", e.getMessage());
        }
    }

    /** Deletes every row older than {@code retention}, chunk by chunk (each chunk its own transaction). */
    public static long sweep(DataSource dataSource, Duration retention) throws SQLException {
        long total = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(DELETE_CHUNK)) {
            connection.setAutoCommit(true);
            delete.setLong(1, retention.toSeconds());
            int count;
            do {
                count = delete.executeUpdate();
                total += count;
            } while (count == CHUNK);
        }
        return total;
    }
}
