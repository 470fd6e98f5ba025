package io.ticketsuite.intake.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.intake.config.IntakeConfig;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Closes RESOLVED tickets the customer did not answer within {@code intake.verification-window} (default 72 h). Each
 * round is one transaction: a conditional UPDATE over the due rows taken with {@code FOR UPDATE SKIP LOCKED} (so two
 * replicas never close the same ticket, and a ticket a customer is replying to right now is left alone) and the
 * {@code ticket.status-changed} outbox row of every ticket it closed. A ticket is closed, and announced, exactly once.
 */
@ApplicationScoped
public class AutoCloseSweeper {
    private static final Logger LOG = Logger.getLogger(AutoCloseSweeper.class);

    static final String CLOSE_DUE = "UPDATE ticket t SET status = 'CLOSED', closed_at = $2, updated_at = $2"
            + " FROM (SELECT id FROM ticket WHERE status = 'RESOLVED' AND resolved_at <= $1"
            + " ORDER BY resolved_at LIMIT $3 FOR UPDATE SKIP LOCKED) due"
            + " WHERE t.id = due.id AND t.status = 'RESOLVED' RETURNING t.id, t.type";

    private static final String INSERT_OUTBOX = "INSERT INTO outbox (" + OutboxWriter.COLUMNS
            + ") VALUES ($1::uuid, $2::text, $3::text, $4::text, $5::text, $6::text)";

    private final Pool pool;
    private final OutboxWriter outbox;
    private final IntakeConfig config;
    private final Clock clock;
    private final Counter closed;
    private final MeterRegistry registry;

    public AutoCloseSweeper(Pool pool, OutboxWriter outbox, IntakeConfig config, Clock clock, MeterRegistry registry) {
        this.pool = pool;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
        this.closed = Counter.builder("ts.tickets.auto.closed")
                .description("RESOLVED tickets closed after the verification window without a customer reply")
                .register(registry);
    }

    @Scheduled(
            identity = "auto-close-sweep",
            every = "${intake.auto-close-sweep:1m}",
            delayed = "${intake.auto-close-delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> scheduledSweep() {
        return sweep().onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("auto-closing resolved tickets failed (next round retries): %s", e.getMessage());
                    return 0;
                })
                .replaceWithVoid();
    }

    /** Closes the due tickets (at most one batch); returns how many this call closed. */
    public Uni<Integer> sweep() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant cutoff = now.minus(config.verificationWindow());
        String reason = "no customer reply within the verification window of "
                + config.verificationWindow().toHours() + " h";
        return pool.withTransaction(conn -> conn.preparedQuery(CLOSE_DUE)
                        .execute(Tuple.of(
                                cutoff.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC), config.autoCloseBatch()))
                        .chain(rows -> {
                            List<Tuple> events = new ArrayList<>();
                            for (Row row : rows) {
                                TicketStatusChanged changed = new TicketStatusChanged(
                                        row.getUUID("id"),
                                        TicketType.valueOf(row.getString("type")),
                                        TicketStatus.RESOLVED,
                                        TicketStatus.CLOSED,
                                        reason,
                                        "intake-service",
                                        now);
                                events.add(outboxRow(changed));
                            }
                            if (events.isEmpty()) {
                                return Uni.createFrom().item(0);
                            }
                            return conn.preparedQuery(INSERT_OUTBOX)
                                    .executeBatch(events)
                                    .map(ignored -> events.size());
                        }))
                .invoke(n -> {
                    if (n > 0) {
                        closed.increment(n);
                        Counter.builder("ts.tickets.status.changes")
                                .description("status transitions, by target status")
                                .tag("to", TicketStatus.CLOSED.name())
                                .register(registry)
                                .increment(n);
                    }
                });
    }

    private Tuple outboxRow(TicketStatusChanged changed) {
        try {
            OutboxWriter.Row row = OutboxWriter.Row.of(outbox.envelope(changed));
            return Tuple.of(
                    row.eventId(), row.topic(), row.messageKey(), row.eventType(), row.headers(), row.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
