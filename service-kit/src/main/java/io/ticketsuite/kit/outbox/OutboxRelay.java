package io.ticketsuite.kit.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ticketsuite.kit.messaging.KafkaClientConfig;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Publishes the outbox: in one database transaction — one active relay per database at a time, through a
 * transaction-scoped advisory lock, so that a ticket's events keep their order with several replicas — locks up to a
 * batch of unsent rows ({@code FOR UPDATE SKIP LOCKED}), sends them all without waiting between records, awaits
 * every ack together, deletes them (or, with a retention, stamps them sent) and commits. It loops while full
 * batches remain. When idle it waits on a {@code LISTEN} connection of its own for the notification the outbox's
 * trigger raises when a transaction that wrote outbox rows commits (migration {@code V0_3}), or for the fallback poll
 * interval, whichever comes first; if the DataSource is not PostgreSQL's driver it polls every poll interval instead.
 * A failure (broker down, database gone) rolls back: the rows stay unsent and are retried with backoff.
 * Delivery is at-least-once; consumers deduplicate by event id.
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private static final String COLUMNS = "id, event_id, topic, message_key, event_type, headers, payload, created_at";
    private static final String UNSENT = "SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"
            + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED";
    // id = ANY(ARRAY(…)): the batch is chosen once (an InitPlan), then fetched by primary key. With id IN (…) the
    // planner may re-run the locking subquery for every row of the table (seen here: a relay stalled for 40 s).
    static final String SELECT = "SELECT " + COLUMNS + " FROM outbox WHERE id = ANY(ARRAY(" + UNSENT + "))";
    /** Zero retention: claim and delete in one statement (one row change instead of a lock and a delete). */
    static final String CLAIM_AND_DELETE =
            "DELETE FROM outbox WHERE id = ANY(ARRAY(" + UNSENT + ")) RETURNING " + COLUMNS;

    private static final String SET_ASIDE_DELETED =
            "INSERT INTO outbox (" + COLUMNS + ", failed_at, error)" + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, now(), ?)";
    private static final String MARK_FAILED = "UPDATE outbox SET failed_at = now(), error = ? WHERE id = ?";
    private static final String MARK_SENT = "UPDATE outbox SET sent_at = now() WHERE id = ANY(?)";

    private static final String CLEAN_UP = "DELETE FROM outbox WHERE sent_at < now() - make_interval(secs => ?)";
    /** The advisory lock key of the outbox relay (any constant; advisory locks are per database). */
    static final long RELAY_LOCK = 0x7453_4f75_7462_6f78L; // "tSOutbox"

    private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(?)";
    private static final String BACKLOG = "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL";
    /** The channel the outbox's trigger notifies on commit (migration V0_3; channels are per database). */
    static final String CHANNEL = "ts_outbox";
    /** The longest single wait on the listen connection, so that {@link #close()} never waits long for the loop. */
    private static final int WAIT_SLICE_MILLIS = 250;
    /** The LISTEN connection's {@code application_name} is the relay's name and this. */
    static final String LISTENER_SUFFIX = "-outbox-listener";

    /** Why the relay ran a round after being idle ({@code ts.outbox.wakeups}, tag {@code cause}). */
    enum Wake {
        /** the outbox's trigger announced a commit */
        NOTIFY,
        /** the (fallback) poll interval passed without a notification */
        POLL,
        /** the listen connection was (re)opened: notifications sent while it was not listening are lost */
        CONNECT
    }

    /**
     * How the relay behaves; {@link #defaults()} suits a service. {@code pollInterval} is the idle wait of a relay that
     * cannot listen for commits; {@code fallbackPollInterval} the longest idle wait of one that listens.
     */
    public record Settings(
            int batchSize,
            Duration pollInterval,
            Duration maxBackoff,
            Duration sendTimeout,
            Duration retention,
            Duration initialDelay,
            Duration fallbackPollInterval) {
        /** Settings with the default fallback poll interval (1 s). */
        public Settings(
                int batchSize,
                Duration pollInterval,
                Duration maxBackoff,
                Duration sendTimeout,
                Duration retention,
                Duration initialDelay) {
            this(batchSize, pollInterval, maxBackoff, sendTimeout, retention, initialDelay, Duration.ofSeconds(1));
        }

        public static Settings defaults() {
            return new Settings(
                    500,
                    Duration.ofMillis(20),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(30),
                    Duration.ZERO,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1));
        }
    }

    private final DataSource dataSource;
    private final Producer<String, String> producer;
    private final Settings settings;
    private final String name;
    private final Counter published;
    private final Counter failures;
    private final Counter standby;
    private final Timer lag;
    private final Map<Wake, Counter> wakeups = new java.util.EnumMap<>(Wake.class);
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicInteger listening = new AtomicInteger();
    private volatile boolean running;
    private Thread thread;
    /** The relay thread's LISTEN connection; null while not listening. */
    private Connection listener;

    private String listenerApplicationName;
    /** Set once the DataSource turned out not to be PostgreSQL's driver: the relay polls. */
    private boolean pollOnly;

    public OutboxRelay(
            String name, DataSource dataSource, String bootstrapServers, Settings settings, MeterRegistry registry) {
        this(name, dataSource, Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), settings, registry);
    }

    /**
     * A relay whose producer connects as the rest of the service does: {@code kafkaConfig} is the service's Kafka
     * client configuration (the {@code kafka.*} properties without the prefix: {@code bootstrap.servers},
     * {@code security.protocol}, {@code sasl.*}, {@code ssl.*}, ...).
     */
    public OutboxRelay(
            String name, DataSource dataSource, Map<String, ?> kafkaConfig, Settings settings, MeterRegistry registry) {
        this(name, dataSource, new KafkaProducer<>(producerConfig(name, kafkaConfig)), settings, registry);
    }

    OutboxRelay(
            String name,
            DataSource dataSource,
            Producer<String, String> producer,
            Settings settings,
            MeterRegistry registry) {
        this.name = name;
        this.dataSource = dataSource;
        this.producer = producer;
        this.settings = settings;
        this.published = Counter.builder("ts.outbox.published")
                .description("outbox rows published to Kafka (and deleted or marked sent)")
                .register(registry);
        this.failures = Counter.builder("ts.outbox.failures")
                .description("relay rounds rolled back (broker or database unavailable)")
                .register(registry);
        this.standby = Counter.builder("ts.outbox.standby.rounds")
                .description("relay rounds skipped because another replica's relay was active on this database")
                .register(registry);
        this.lag = Timer.builder("ts.outbox.lag")
                .description("time from outbox insert to broker ack")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        registry.gauge("ts.outbox.backlog", backlog);
        for (Wake wake : Wake.values()) {
            wakeups.put(
                    wake,
                    Counter.builder("ts.outbox.wakeups")
                            .description("times an idle relay looked at the outbox again, by cause: notify (a commit"
                                    + " was announced), poll (the poll interval passed), connect (it began to listen)")
                            .tag("cause", wake.name().toLowerCase(java.util.Locale.ROOT))
                            .register(registry));
        }
        Gauge.builder("ts.outbox.listening", listening, AtomicInteger::get)
                .description("1 while the relay listens for outbox commits, 0 while it polls or reconnects")
                .register(registry);
    }

    /**
     * The producer's configuration: every producer setting of the service's Kafka client configuration (connection,
     * security, SASL, TLS; other keys such as consumer or health settings are left out), then the relay's own
     * delivery settings, which it needs for its guarantees and therefore override.
     */
    static Properties producerConfig(String name, Map<String, ?> kafkaConfig) {
        Properties props = KafkaClientConfig.producer(kafkaConfig);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, name + "-outbox-relay");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        return props;
    }

    /** Starts the relay thread; the first round waits for {@code initialDelay}. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, name + "-outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        sleep(settings.initialDelay());
        long backoff = 0;
        long lastHousekeeping = 0;
        while (running) {
            try {
                if (listen()) {
                    wakeups.get(Wake.CONNECT).increment();
                }
                Round round;
                do {
                    round = round();
                } while (running && round.claimed() >= settings.batchSize()); // a full batch: more may be waiting
                backoff = 0;
                if (System.nanoTime() - lastHousekeeping > TimeUnit.SECONDS.toNanos(5)) {
                    housekeeping();
                    lastHousekeeping = System.nanoTime();
                }
                Wake wake = awaitWork();
                if (wake != null) {
                    wakeups.get(wake).increment();
                }
            } catch (ListenerLost e) {
                closeListener();
                backoff = Math.min(
                        backoff == 0 ? 100 : backoff * 2, settings.maxBackoff().toMillis());
                if (running) {
                    LOG.warnf(
                            "outbox relay lost its LISTEN connection, reconnecting in %d ms: %s",
                            backoff, e.getCause().getMessage());
                }
                sleep(Duration.ofMillis(backoff));
            } catch (Exception e) {
                failures.increment();
                backoff = Math.min(
                        backoff == 0 ? 100 : backoff * 2, settings.maxBackoff().toMillis());
                if (running) {
                    LOG.warnf("outbox relay round failed, retrying in %d ms: %s", backoff, e.getMessage());
                }
                sleep(Duration.ofMillis(backoff));
            }
        }
        closeListener();
    }

    /**
     * Opens the relay's LISTEN connection if it has none (and can listen at all).
     *
     * @return whether it began to listen just now: notifications committed before are lost, so a round follows at
     *     once
     */
    private boolean listen() throws SQLException {
        if (listener != null || pollOnly) {
            return false;
        }
        Connection connection = dataSource.getConnection();
        try {
            if (!connection.isWrapperFor(PGConnection.class)) {
                pollOnly = true;
                LOG.infof(
                        "outbox relay cannot listen for commits (the DataSource's connections are not PostgreSQL's"
                                + " driver: %s); it polls every %d ms",
                        connection.getClass().getName(), settings.pollInterval().toMillis());
                connection.close();
                return false;
            }
            connection.setAutoCommit(true); // notifications arrive only outside a transaction
            listenerApplicationName = connection.getClientInfo("ApplicationName");
            connection.setClientInfo("ApplicationName", name + LISTENER_SUFFIX);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
        listener = connection;
        listening.set(1);
        LOG.infof(
                "outbox relay listens for commits (LISTEN %s), and looks anyway every %d ms",
                CHANNEL, settings.fallbackPollInterval().toMillis());
        return true;
    }

    /**
     * Waits until there may be work: a commit announced on the LISTEN connection (then every notification already
     * received is taken too, as one round serves them all), or the fallback poll interval; without a LISTEN
     * connection, the poll interval.
     *
     * @return why it woke, or null if the relay is stopping
     * @throws ListenerLost if the LISTEN connection broke (e.g. the database restarted)
     */
    private Wake awaitWork() throws ListenerLost {
        if (listener == null) {
            sleep(settings.pollInterval());
            return running ? Wake.POLL : null;
        }
        try {
            PGConnection pg = listener.unwrap(PGConnection.class);
            long deadline = System.nanoTime() + settings.fallbackPollInterval().toNanos();
            while (running) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    // a silently dropped connection (no reset seen) would never notify again: check it
                    if (!listener.isValid(5)) {
                        throw new SQLException("the LISTEN connection is no longer valid");
                    }
                    return Wake.POLL;
                }
                PGNotification[] notifications = pg.getNotifications((int) Math.min(left, WAIT_SLICE_MILLIS));
                if (notifications != null && notifications.length > 0) {
                    pg.getNotifications(); // drain what is already here: the next round covers those commits too
                    return Wake.NOTIFY;
                }
            }
            return null;
        } catch (SQLException e) {
            throw new ListenerLost(e);
        }
    }

    /** The LISTEN connection failed: it is reopened after a backoff, and a round follows. */
    private static final class ListenerLost extends Exception {
        ListenerLost(SQLException cause) {
            super(cause);
        }
    }

    /** Hands the LISTEN connection back to its pool as it was taken: no longer listening, its own name again. */
    private void closeListener() {
        listening.set(0);
        if (listener == null) {
            return;
        }
        try (Statement statement = listener.createStatement()) {
            statement.execute("UNLISTEN *");
            listener.setClientInfo("ApplicationName", listenerApplicationName);
        } catch (SQLException | RuntimeException ignored) {
            // broken already
        }
        closeQuietly(listener);
        listener = null;
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // broken already
        }
    }

    /**
     * Publishes one batch of unsent rows in one transaction.
     *
     * @return how many rows were published
     */
    public int relayOnce() throws SQLException {
        return round().published();
    }

    /** What one round did: rows it claimed (a full batch means more may wait) and rows it published. */
    private record Round(int claimed, int published) {}

    private Round round() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!activeRelay(connection)) {
                    connection.commit();
                    return new Round(0, 0);
                }
                boolean deleteWhenSent = settings.retention().isZero();
                List<Row> rows = deleteWhenSent ? claimAndDelete(connection) : claim(connection);
                if (rows.isEmpty()) {
                    connection.commit();
                    return new Round(0, 0);
                }
                List<Long> ids = new ArrayList<>(rows.size());
                List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
                for (Row row : rows) {
                    ProducerRecord<String, String> record;
                    try {
                        record = record(row.topic(), row.key(), row.headers(), row.payload());
                    } catch (java.io.IOException | RuntimeException e) {
                        setAside(connection, row, deleteWhenSent, e);
                        continue;
                    }
                    ids.add(row.id());
                    acks.add(send(record));
                }
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                        .get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (!deleteWhenSent && !ids.isEmpty()) {
                    try (PreparedStatement mark = connection.prepareStatement(MARK_SENT)) {
                        Array array = connection.createArrayOf("bigint", ids.toArray());
                        mark.setArray(1, array);
                        mark.executeUpdate();
                    }
                }
                connection.commit();
                published.increment(ids.size());
                long now = System.currentTimeMillis();
                for (Row row : rows) {
                    lag.record(Math.max(0, now - row.createdAt().getTime()), TimeUnit.MILLISECONDS);
                }
                return new Round(rows.size(), ids.size());
            } catch (Exception e) {
                rollbackQuietly(connection);
                if (e instanceof SQLException sql) {
                    throw sql;
                }
                throw new SQLException("publishing failed: " + e, e);
            }
        }
    }

    /**
     * One active relay per database: the round's transaction takes a transaction-scoped advisory lock, and a replica
     * that cannot get it stands by this round. With two relays claiming batches side by side ({@code SKIP LOCKED}),
     * the second batch of a ticket's events could reach the broker before the first; one relay at a time keeps every
     * ticket's events in the order they were written. The lock ends with the transaction, so a crashed relay's
     * replica takes over on its next round.
     */
    private boolean activeRelay(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(TRY_LOCK)) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                boolean active = rs.getBoolean(1);
                if (!active) {
                    standby.increment();
                }
                return active;
            }
        }
    }

    /** An outbox row being relayed. */
    private record Row(
            long id,
            Object eventId,
            String topic,
            String key,
            String eventType,
            String headers,
            String payload,
            Timestamp createdAt) {}

    /** Locks a batch of unsent rows (retention mode: they are stamped sent after the acks). */
    private List<Row> claim(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setInt(1, settings.batchSize());
            return rows(select);
        }
    }

    /**
     * Locks and deletes a batch of unsent rows in one statement; the delete only holds if the transaction commits
     * after every ack, so a failed send leaves them unsent.
     */
    private List<Row> claimAndDelete(Connection connection) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(CLAIM_AND_DELETE)) {
            delete.setInt(1, settings.batchSize());
            return rows(delete);
        }
    }

    private static List<Row> rows(PreparedStatement statement) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(
                        rs.getLong(1),
                        rs.getObject(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getTimestamp(8)));
            }
        }
        // neither RETURNING nor = ANY(…) keeps the subquery's order: sort by id, so one ticket's events keep theirs
        rows.sort(java.util.Comparator.comparingLong(Row::id));
        return rows;
    }

    private static ProducerRecord<String, String> record(String topic, String key, String headersJson, String payload)
            throws java.io.IOException {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
        for (Map.Entry<String, String> header :
                JSON.readValue(headersJson, HEADERS).entrySet()) {
            record.headers().add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    /** A row that cannot be encoded would block the outbox forever: set it aside, loudly. */
    private void setAside(Connection connection, Row row, boolean deleted, Exception e) throws SQLException {
        LOG.errorf("outbox row %d cannot be published and is set aside (failed_at): %s", row.id(), e.toString());
        failures.increment();
        if (!deleted) {
            try (PreparedStatement mark = connection.prepareStatement(MARK_FAILED)) {
                mark.setString(1, e.toString());
                mark.setLong(2, row.id());
                mark.executeUpdate();
            }
            return;
        }
        // claimed by the delete of this transaction: put it back, marked failed
        try (PreparedStatement insert = connection.prepareStatement(SET_ASIDE_DELETED)) {
            insert.setLong(1, row.id());
            insert.setObject(2, row.eventId());
            insert.setString(3, row.topic());
            insert.setString(4, row.key());
            insert.setString(5, row.eventType());
            insert.setString(6, row.headers());
            insert.setString(7, row.payload());
            insert.setTimestamp(8, row.createdAt());
            insert.setString(9, e.toString());
            insert.executeUpdate();
        }
    }

    private CompletableFuture<Void> send(ProducerRecord<String, String> record) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        producer.send(record, (metadata, exception) -> {
            if (exception != null) {
                ack.completeExceptionally(exception);
            } else {
                ack.complete(null);
            }
        });
        return ack;
    }

    private void housekeeping() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement delete = connection.prepareStatement(CLEAN_UP)) {
                delete.setLong(1, settings.retention().toSeconds());
                delete.executeUpdate();
            }
            try (PreparedStatement count = connection.prepareStatement(BACKLOG);
                    ResultSet rs = count.executeQuery()) {
                rs.next();
                backlog.set(rs.getLong(1));
            }
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is likely broken; closing it discards the transaction
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops the loop (after the round in progress) and closes the producer. */
    @Override
    public void close() {
        Thread current;
        synchronized (this) {
            running = false;
            current = thread;
        }
        if (current != null) {
            current.interrupt();
            try {
                current.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
    }
}
