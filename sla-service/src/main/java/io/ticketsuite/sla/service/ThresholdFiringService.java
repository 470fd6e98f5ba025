package io.ticketsuite.sla.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.SlaThresholdReached;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.ticketsuite.sla.ClockState;
import io.ticketsuite.sla.SlaClockRun;
import io.ticketsuite.sla.SlaThreshold;
import io.ticketsuite.sla.SlaTicket;
import io.ticketsuite.sla.ThresholdEvents;
import io.ticketsuite.sla.config.SlaConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Fires due thresholds exactly once, however many replicas run it, set-based: in one transaction on the reactive
 * pool it claims a batch of due rows and stamps their {@code fired_at} in one statement ({@code UPDATE … WHERE id =
 * ANY(ARRAY(SELECT … FOR UPDATE SKIP LOCKED))}), reads the claimed rows' clocks and tickets in one query, and writes
 * their events to the kit's outbox in one multi-row insert (the rows exactly as {@link OutboxWriter} makes them). A
 * row is either fired, stamped and announced together or not at all, so a crash or a restart never loses nor repeats
 * one; rows that came due while the service was down are simply due rows. No timers live in memory.
 */
@ApplicationScoped
public class ThresholdFiringService {
    /**
     * Claims up to $2 thresholds due at $1 and stamps them fired, in one statement. Rows another replica (or a
     * consumer changing the clock) holds are skipped; a row fired, cancelled, held or moved meanwhile is re-checked
     * against the WHERE once its lock is granted. The batch is chosen once ({@code = ANY(ARRAY(…))}, an InitPlan), as
     * the kit's outbox relay does: with {@code IN (…)} the planner may re-run the locking subquery.
     */
    static final String CLAIM_AND_STAMP = "UPDATE sla_threshold SET fired_at = $1"
            + " WHERE id = ANY(ARRAY(SELECT id FROM sla_threshold"
            + " WHERE fired_at IS NULL AND cancelled_at IS NULL AND held_since IS NULL AND fire_at <= $1"
            + " ORDER BY fire_at, id LIMIT $2 FOR UPDATE SKIP LOCKED))"
            + " RETURNING id, ticket_id, clock, cycle, percent, fire_at";

    /**
     * The claimed rows' clocks and tickets. A statement of its own, after the claim: it reads the state committed
     * once this transaction holds the rows' locks (a consumer changing a clock locks its pending thresholds first).
     */
    static final String CLOCKS = "SELECT c.ticket_id, c.clock, c.cycle, c.state, c.priority, c.due_at,"
            + " t.assignee_id, t.team_id, t.team_lead_id"
            + " FROM sla_clock c JOIN sla_ticket t ON t.ticket_id = c.ticket_id WHERE c.ticket_id = ANY($1)";

    /** Claimed rows whose clock stopped or restarted without cancelling them: cancelled, never fired. */
    static final String CANCEL_STALE = "UPDATE sla_threshold SET fired_at = NULL, cancelled_at = $1 WHERE id = ANY($2)";

    /** The batch's events, in order (the outbox id follows the rows' order), in one statement. */
    static final String APPEND = "INSERT INTO outbox (" + OutboxWriter.COLUMNS + ")"
            + " SELECT e, t, k, y, h, p FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],"
            + " $6::text[]) WITH ORDINALITY AS r(e, t, k, y, h, p, n) ORDER BY n";

    /** The earliest instant a pending threshold of a running (not paused) clock is due, from the due index. */
    static final String NEXT_DUE = "SELECT min(fire_at) FROM sla_threshold"
            + " WHERE fired_at IS NULL AND cancelled_at IS NULL AND held_since IS NULL";

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]*");

    private final Pool pool;
    private final OutboxWriter outbox;
    private final SlaMetrics metrics;
    private final Clock clock;
    private final int batchSize;

    public ThresholdFiringService(Pool pool, OutboxWriter outbox, SlaMetrics metrics, Clock clock, SlaConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
        this.batchSize = config.scheduler().batchSize();
    }

    /** A threshold this instance fired: its event and the instant it was due. */
    public record Fired(SlaThresholdReached event, Instant dueAt) {}

    /**
     * Fires every threshold due now, batch after batch (one transaction each) until a batch comes back short (nothing
     * else is due, or only rows another replica holds); returns how many fired.
     */
    public Uni<Integer> fireDue() {
        return Uni.createFrom()
                .deferred(() -> fireBatch(clock.instant(), batchSize))
                .repeat()
                .whilst(fired -> fired.size() >= batchSize)
                .collect()
                .with(Collectors.summingInt(List::size));
    }

    /** Fires up to {@code limit} thresholds due at {@code now} in one transaction. */
    public Uni<List<Fired>> fireBatch(Instant now, int limit) {
        return fireBatch(null, now, limit);
    }

    /**
     * Fires up to {@code limit} thresholds due at {@code now} in one transaction, in the tables of {@code schema}
     * ({@code SET LOCAL search_path}: the replay's scratch schema) or, when null, the service's own. Counted in the
     * meters after the commit.
     */
    public Uni<List<Fired>> fireBatch(String schema, Instant now, int limit) {
        if (schema != null && !SCHEMA.matcher(schema).matches()) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a schema name: " + schema));
        }
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return pool.withTransaction(connection -> (schema == null
                                ? Uni.createFrom().voidItem()
                                : connection
                                        .query("SELECT set_config('search_path', '" + schema + "', true)")
                                        .execute()
                                        .replaceWithVoid())
                        .chain(() -> fire(connection, at, limit)))
                .invoke(fired -> {
                    metrics.published(fired.stream().map(Fired::event).toList(), null);
                    fired.forEach(f -> metrics.fireDelay(
                            Duration.between(f.dueAt(), f.event().firedAt())));
                });
    }

    /** The earliest instant a pending threshold of a running clock is due, or null if none. */
    public Uni<Instant> nextDue() {
        return pool.query(NEXT_DUE).execute().map(rows -> {
            OffsetDateTime next = rows.iterator().next().getOffsetDateTime(0);
            return next == null ? null : next.toInstant();
        });
    }

    private Uni<List<Fired>> fire(SqlConnection connection, Instant at, int limit) {
        OffsetDateTime atUtc = at.atOffset(ZoneOffset.UTC);
        return connection
                .preparedQuery(CLAIM_AND_STAMP)
                .execute(Tuple.of(atUtc, (long) limit))
                .chain(claimed -> {
                    if (claimed.size() == 0) {
                        return Uni.createFrom().item(List.<Fired>of());
                    }
                    List<SlaThreshold> due = thresholds(claimed);
                    UUID[] tickets =
                            due.stream().map(t -> t.ticketId).distinct().toArray(UUID[]::new);
                    return connection
                            .preparedQuery(CLOCKS)
                            .execute(Tuple.tuple().addArrayOfUUID(tickets))
                            .chain(state -> announce(connection, due, state, at));
                });
    }

    private Uni<List<Fired>> announce(SqlConnection connection, List<SlaThreshold> due, RowSet<Row> state, Instant at) {
        Map<String, SlaClockRun> runs = new HashMap<>();
        Map<UUID, SlaTicket> tickets = new HashMap<>();
        for (Row row : state) {
            SlaClockRun run = new SlaClockRun();
            run.ticketId = row.getUUID(0);
            run.clock = SlaClock.valueOf(row.getString(1));
            run.cycle = row.getInteger(2);
            run.state = ClockState.valueOf(row.getString(3));
            run.priority = Priority.valueOf(row.getString(4));
            run.dueAt = row.getOffsetDateTime(5).toInstant();
            runs.put(run.ticketId + "/" + run.clock, run);
            SlaTicket ticket = new SlaTicket();
            ticket.ticketId = run.ticketId;
            ticket.assigneeId = row.getString(6);
            ticket.teamId = row.getString(7);
            ticket.teamLeadId = row.getString(8);
            tickets.put(ticket.ticketId, ticket);
        }
        List<Fired> fired = new ArrayList<>(due.size());
        List<UUID> stale = new ArrayList<>();
        int n = due.size();
        UUID[] eventIds = new UUID[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] headers = new String[n];
        String[] payloads = new String[n];
        int rows = 0;
        for (SlaThreshold threshold : due) {
            SlaClockRun run = runs.get(threshold.ticketId + "/" + threshold.clock);
            if (run == null || !run.running() || run.cycle != threshold.cycle) {
                // its clock stopped or restarted without cancelling it: never fire a stale threshold
                stale.add(threshold.id);
                continue;
            }
            SlaThresholdReached event = ThresholdEvents.reached(threshold, run, tickets.get(threshold.ticketId), at);
            OutboxWriter.Row row;
            try {
                row = OutboxWriter.Row.of(outbox.envelope(event));
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(e);
            }
            eventIds[rows] = row.eventId();
            topics[rows] = row.topic();
            keys[rows] = row.messageKey();
            types[rows] = row.eventType();
            headers[rows] = row.headers();
            payloads[rows] = row.payload();
            rows++;
            fired.add(new Fired(event, threshold.fireAt));
        }
        Uni<Void> cancel = stale.isEmpty()
                ? Uni.createFrom().voidItem()
                : connection
                        .preparedQuery(CANCEL_STALE)
                        .execute(Tuple.of(at.atOffset(ZoneOffset.UTC), stale.toArray(UUID[]::new)))
                        .replaceWithVoid();
        if (rows == 0) {
            return cancel.replaceWith(fired);
        }
        int count = rows;
        Tuple values = Tuple.tuple()
                .addArrayOfUUID(Arrays.copyOf(eventIds, count))
                .addArrayOfString(Arrays.copyOf(topics, count))
                .addArrayOfString(Arrays.copyOf(keys, count))
                .addArrayOfString(Arrays.copyOf(types, count))
                .addArrayOfString(Arrays.copyOf(headers, count))
                .addArrayOfString(Arrays.copyOf(payloads, count));
        return cancel.chain(() -> connection.preparedQuery(APPEND).execute(values))
                .replaceWith(fired);
    }

    /** The claimed rows, in the order they came due (the order of their events in the outbox). */
    private static List<SlaThreshold> thresholds(RowSet<Row> claimed) {
        List<SlaThreshold> due = new ArrayList<>(claimed.size());
        for (Row row : claimed) {
            SlaThreshold t = new SlaThreshold();
            t.id = row.getUUID(0);
            t.ticketId = row.getUUID(1);
            t.clock = SlaClock.valueOf(row.getString(2));
            t.cycle = row.getInteger(3);
            t.percent = row.getInteger(4);
            t.fireAt = row.getOffsetDateTime(5).toInstant();
            due.add(t);
        }
        due.sort(Comparator.comparing((SlaThreshold t) -> t.fireAt).thenComparing(t -> t.id));
        return due;
    }
}
