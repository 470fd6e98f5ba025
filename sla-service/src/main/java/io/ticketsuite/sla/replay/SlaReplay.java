package io.ticketsuite.sla.replay;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.Topics;
import io.ticketsuite.kit.messaging.EventInbox;
import io.ticketsuite.kit.messaging.KafkaClientConfig;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.ticketsuite.sla.SlaPolicy;
import io.ticketsuite.sla.config.SlaConfig;
import io.ticketsuite.sla.repository.SlaClockEventRepository;
import io.ticketsuite.sla.repository.SlaClockRepository;
import io.ticketsuite.sla.repository.SlaPauseRepository;
import io.ticketsuite.sla.repository.SlaThresholdRepository;
import io.ticketsuite.sla.repository.SlaTicketRepository;
import io.ticketsuite.sla.rest.dto.ReplayReport;
import io.ticketsuite.sla.service.SlaMetrics;
import io.ticketsuite.sla.service.SlaService;
import io.ticketsuite.sla.service.ThresholdFiringService;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Rebuilds the SLA state of the tickets whose records reached the topics in [from, to] from the topics themselves,
 * into a scratch schema {@code sla_replay_<id>} (the live tables' shape), with the same domain code the live
 * consumers and the scheduler run ({@link SlaService#apply}, {@link ThresholdFiringService#fireBatch}), and compares
 * it with the live state.
 *
 * <ul>
 *   <li>Reading: a plain consumer (no group, nothing committed) assigned every partition of ticket-events,
 *       triage-events and routing-events, seeks each to the first record at or after {@code from}
 *       ({@code offsetsForTimes}) and reads up to the end offsets taken at the start. Events are deduplicated by
 *       id (as the inbox does) and applied in the order of their own event times.
 *   <li>Time: each event is applied with a clock at its own event time; before it, the thresholds due by then are
 *       fired as the scheduler would have. At the end thresholds are fired as of the comparison instant (the
 *       service clock when the replay started).
 *   <li>Isolation: every replay transaction sets {@code search_path} to the scratch schema ({@code SET LOCAL}),
 *       so the domain's unqualified SQL reads and writes the scratch tables only; the events it announces go to
 *       the scratch schema's own outbox table, which no relay reads. Live tables are only read. The scratch
 *       schema is dropped at the end unless asked to keep it.
 * </ul>
 *
 * A ticket whose {@code ticket.created} precedes the range cannot be rebuilt and is counted as skipped.
 */
@ApplicationScoped
public class SlaReplay {
    private static final Logger LOG = Logger.getLogger(SlaReplay.class);
    static final List<String> TOPICS = List.of(Topics.TICKET_EVENTS, Topics.TRIAGE_EVENTS, Topics.ROUTING_EVENTS);
    static final List<String> TABLES =
            List.of("sla_ticket", "sla_clock", "sla_threshold", "sla_pause", "sla_clock_event", "outbox");

    private final SlaTicketRepository tickets;
    private final SlaClockRepository clocks;
    private final SlaThresholdRepository thresholds;
    private final SlaPauseRepository pauses;
    private final SlaClockEventRepository history;
    private final SlaPolicy policy;
    private final OutboxWriter outbox;
    private final SlaConfig config;
    private final Clock clock;
    private final DataSource dataSource;
    private final Vertx vertx;
    private final Pool pool;
    private final Map<String, Object> kafkaConfig;

    public SlaReplay(
            SlaTicketRepository tickets,
            SlaClockRepository clocks,
            SlaThresholdRepository thresholds,
            SlaPauseRepository pauses,
            SlaClockEventRepository history,
            SlaPolicy policy,
            OutboxWriter outbox,
            SlaConfig config,
            Clock clock,
            DataSource dataSource,
            Vertx vertx,
            Pool pool,
            @Identifier(KafkaClientConfig.DEFAULT_BROKER) Map<String, Object> kafkaConfig) {
        this.tickets = tickets;
        this.clocks = clocks;
        this.thresholds = thresholds;
        this.pauses = pauses;
        this.history = history;
        this.policy = policy;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.dataSource = dataSource;
        this.vertx = vertx;
        this.pool = pool;
        this.kafkaConfig = kafkaConfig;
    }

    /** One record read: where it came from, when it reached its topic, and the decoded event. */
    record Read(String topic, int partition, long offset, Instant recordTime, EventEnvelope<EventData> envelope) {}

    /** Blocking: call it from a worker thread. */
    public ReplayReport replay(Instant from, Instant to, boolean keep) {
        Instant asOf = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String schema = "sla_replay_" + id;

        List<Read> read = read(from);
        Set<UUID> inRange = new HashSet<>();
        Set<UUID> createdSeen = new HashSet<>();
        for (Read r : read) {
            UUID ticket = ticketOf(r);
            if (!r.recordTime().isBefore(from) && !r.recordTime().isAfter(to)) {
                inRange.add(ticket);
            }
            if (r.envelope().data() instanceof TicketCreated) {
                createdSeen.add(ticket);
            }
        }
        Set<UUID> replayed = new TreeSet<>(inRange);
        replayed.retainAll(createdSeen);
        int skipped = inRange.size() - replayed.size();
        List<Read> events = new ArrayList<>();
        Set<UUID> seenIds = new HashSet<>();
        for (Read r : read) {
            if (replayed.contains(ticketOf(r)) && seenIds.add(r.envelope().id())) {
                events.add(r);
            }
        }
        events.sort(Comparator.comparing((Read r) -> r.envelope().time())
                .thenComparing(r -> TOPICS.indexOf(r.topic()))
                .thenComparingLong(Read::offset));

        String live = createScratch(schema);
        try {
            apply(schema, events, asOf);
            List<ReplayReport.Difference> differences = compare(live, schema, replayed, asOf);
            Set<String> differing = new HashSet<>();
            differences.forEach(d -> differing.add(d.ticketId()));
            LOG.infof(
                    "replay %s [%s, %s]: %d records, %d events applied, %d tickets compared, %d differ",
                    id, from, to, read.size(), events.size(), replayed.size(), differing.size());
            return new ReplayReport(
                    id,
                    schema,
                    keep,
                    from,
                    to,
                    asOf,
                    read.size(),
                    events.size(),
                    replayed.size(),
                    replayed.size() - differing.size(),
                    skipped,
                    differences);
        } finally {
            if (!keep) {
                jdbc(c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("DROP SCHEMA " + schema + " CASCADE");
                    }
                    return null;
                });
            }
        }
    }

    private static UUID ticketOf(Read r) {
        return UUID.fromString(r.envelope().subject());
    }

    // --- reading the topics -------------------------------------------------------------------------------------

    private List<Read> read(Instant from) {
        // connects as the service's channels do (security protocol, SASL, TLS)
        Properties props = KafkaClientConfig.consumer(kafkaConfig);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "sla-service-replay");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        List<Read> read = new ArrayList<>();
        long deadline = System.nanoTime() + config.replay().readTimeout().toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null) {
                    infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                }
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(query, Duration.ofSeconds(10));
            Set<TopicPartition> open = new HashSet<>();
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp at = start.get(p);
                long first = at == null ? end.get(p) : at.offset();
                consumer.seek(p, first);
                if (first < end.get(p)) {
                    open.add(p);
                }
            }
            while (!open.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the topics were not read to their end offsets in "
                            + config.replay().readTimeout());
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition p = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(p)) {
                        continue;
                    }
                    try {
                        read.add(new Read(
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                Instant.ofEpochMilli(record.timestamp()),
                                EventInbox.decode(record)));
                    } catch (RuntimeException poison) {
                        // the live consumer sent it to the dead-letter topic: it changed nothing there either
                        LOG.debugf(
                                "replay skips an undecodable record %s-%d@%d",
                                p.topic(), p.partition(), record.offset());
                    }
                }
                open.removeIf(p -> consumer.position(p) >= end.get(p));
            }
        }
        return read;
    }

    // --- the scratch schema -------------------------------------------------------------------------------------

    /** Creates the scratch schema with the live tables' shape; returns the live schema's name. */
    private String createScratch(String schema) {
        return jdbc(c -> {
            String live;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_schema()")) {
                rs.next();
                live = rs.getString(1);
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
                for (String table : TABLES) {
                    s.execute("CREATE TABLE " + schema + "." + table + " (LIKE " + quote(live) + "." + table
                            + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
                }
                // the scratch outbox numbers its rows itself: never the live sequence
                s.execute("CREATE SEQUENCE " + schema + ".outbox_id_seq");
                s.execute("ALTER TABLE " + schema + ".outbox ALTER COLUMN id SET DEFAULT nextval('" + schema
                        + ".outbox_id_seq')");
            }
            return live;
        });
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    // --- applying -----------------------------------------------------------------------------------------------

    /** A clock that says what the replay sets: the event time being applied, then the comparison instant. */
    static final class ReplayClock extends Clock {
        private final AtomicReference<Instant> now;

        ReplayClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private void apply(String schema, List<Read> events, Instant asOf) {
        ReplayClock replayClock = new ReplayClock(asOf);
        // the same domain code as the live consumers and scheduler, with the replay's clock and meters of its own
        SlaService service = new SlaService(tickets, clocks, thresholds, pauses, history, policy, outbox, replayClock);
        ThresholdFiringService firing = new ThresholdFiringService(
                pool, outbox, new SlaMetrics(new SimpleMeterRegistry()), replayClock, config);
        for (Read r : events) {
            Instant at = r.envelope().time();
            replayClock.set(at);
            // what the scheduler fired by then, then the event: two transactions, as live (the firing's own sets
            // search_path to the scratch schema, as scratch() does for the consumer's)
            onVertx(() -> firing.fireBatch(schema, at, Integer.MAX_VALUE));
            onVertx(() -> Panache.withTransaction(
                    () -> scratch(schema).chain(() -> service.apply(r.envelope().data()))));
        }
        replayClock.set(asOf);
        onVertx(() -> firing.fireBatch(schema, asOf, Integer.MAX_VALUE));
    }

    /** Points the current transaction at the scratch schema (and nothing else). */
    private static Uni<Void> scratch(String schema) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT set_config('search_path', '" + schema + "', true)", String.class)
                        .getSingleResult())
                .replaceWithVoid();
    }

    private <T> T onVertx(Supplier<Uni<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> work.get().subscribe().with(result::complete, result::completeExceptionally));
        try {
            return result.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("replay step failed: " + e, e);
        }
    }

    // --- comparing ----------------------------------------------------------------------------------------------

    /** One table's rows of the compared tickets, by key: ticket id → (row key → field → value). */
    private record Rows(Map<String, Map<String, Map<String, String>>> byTicket) {}

    private static final String TICKET_SQL =
            "SELECT ticket_id, 'ticket' AS key, created_at, ticket_type, customer_tier,"
                    + " time_zone, priority, status, first_response_at, resolved_at, assignee_id, team_id, team_lead_id"
                    + " FROM %s.sla_ticket WHERE ticket_id = ANY (?)";
    private static final String CLOCK_SQL = "SELECT ticket_id, clock AS key, cycle, priority, target_millis,"
            + " started_at, due_at, state, met_at, within_target, paused_at, paused_millis"
            + " FROM %s.sla_clock WHERE ticket_id = ANY (?)";
    private static final String THRESHOLD_SQL = "SELECT ticket_id,"
            + " clock || ' cycle ' || cycle || ' ' || percent || '%%' AS key, fire_at,"
            + " (fired_at IS NOT NULL) AS fired, (cancelled_at IS NOT NULL) AS cancelled,"
            + " (held_since IS NOT NULL) AS held"
            + " FROM %s.sla_threshold WHERE ticket_id = ANY (?)";
    private static final String PAUSE_SQL = "SELECT ticket_id, clock || ' cycle ' || cycle || ' paused '"
            + " || to_char(paused_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS key, reason,"
            + " resumed_at, paused_millis FROM %s.sla_pause WHERE ticket_id = ANY (?)";
    private static final String HISTORY_SQL = "SELECT ticket_id, clock || ' cycle ' || cycle || ' ' || event || ' #'"
            + " || row_number() OVER (PARTITION BY ticket_id, clock, cycle, event ORDER BY at, due_at) AS key,"
            + " at, priority, due_at, within_target, detail FROM %s.sla_clock_event WHERE ticket_id = ANY (?)";

    private List<ReplayReport.Difference> compare(String live, String schema, Set<UUID> ids, Instant asOf) {
        Instant settled = asOf.minus(config.replay().settle());
        List<ReplayReport.Difference> differences = new ArrayList<>();
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("ticket", TICKET_SQL);
        queries.put("clock", CLOCK_SQL);
        queries.put("threshold", THRESHOLD_SQL);
        queries.put("pause", PAUSE_SQL);
        queries.put("clock history", HISTORY_SQL);
        jdbc(c -> {
            for (Map.Entry<String, String> q : queries.entrySet()) {
                Rows liveRows = rows(c, String.format(Locale.ROOT, q.getValue(), quote(live)), ids);
                Rows replayRows = rows(c, String.format(Locale.ROOT, q.getValue(), schema), ids);
                for (UUID id : ids) {
                    String ticket = id.toString();
                    Map<String, Map<String, String>> l = liveRows.byTicket().getOrDefault(ticket, Map.of());
                    Map<String, Map<String, String>> r = replayRows.byTicket().getOrDefault(ticket, Map.of());
                    Set<String> keys = new TreeSet<>(l.keySet());
                    keys.addAll(r.keySet());
                    for (String key : keys) {
                        Map<String, String> lr = l.get(key);
                        Map<String, String> rr = r.get(key);
                        if (lr == null || rr == null) {
                            differences.add(new ReplayReport.Difference(
                                    ticket,
                                    q.getKey(),
                                    key,
                                    "row",
                                    lr == null ? "absent" : "present",
                                    rr == null ? "absent" : "present"));
                            continue;
                        }
                        for (String field : lr.keySet()) {
                            if ("fired".equals(field)
                                    && lr.get("fire_at") != null
                                    && Instant.parse(lr.get("fire_at")).isAfter(settled)) {
                                continue; // due too recently for the live scheduler to be expected to have fired it
                            }
                            if (!Objects.equals(lr.get(field), rr.get(field))) {
                                differences.add(new ReplayReport.Difference(
                                        ticket, q.getKey(), key, field, lr.get(field), rr.get(field)));
                            }
                        }
                    }
                }
            }
            return null;
        });
        return differences;
    }

    private static Rows rows(Connection c, String sql, Set<UUID> ids) throws SQLException {
        Map<String, Map<String, Map<String, String>>> byTicket = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, String> fields = new TreeMap<>();
                    for (int i = 3; i <= meta.getColumnCount(); i++) {
                        fields.put(meta.getColumnLabel(i), text(rs, i));
                    }
                    byTicket.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .put(rs.getString(2), fields);
                }
            }
        }
        return new Rows(byTicket);
    }

    /** A column as text; instants as ISO-8601 UTC so live and replayed values read the same. */
    private static String text(ResultSet rs, int column) throws SQLException {
        if (rs.getMetaData().getColumnType(column) == java.sql.Types.TIMESTAMP_WITH_TIMEZONE
                || "timestamptz".equals(rs.getMetaData().getColumnTypeName(column))) {
            java.time.OffsetDateTime at = rs.getObject(column, java.time.OffsetDateTime.class);
            return at == null ? null : at.toInstant().toString();
        }
        return rs.getString(column);
    }

    // --- JDBC ---------------------------------------------------------------------------------------------------

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T jdbc(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("replay database step failed: " + e.getMessage(), e);
        }
    }
}
