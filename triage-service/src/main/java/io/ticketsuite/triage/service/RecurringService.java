package io.ticketsuite.triage.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.IssueRecurringDetected;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.ticketsuite.triage.classifier.TicketAnalyzer;
import io.ticketsuite.triage.config.TriageConfig;
import io.ticketsuite.triage.recurring.ClusterSummary;
import io.ticketsuite.triage.recurring.RecurringIndex;
import io.ticketsuite.triage.repository.Rows;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Recurring-issue detection. Every new ticket (in the transaction that triages it) is stored with its analysed
 * terms, compared with the tickets of the window through the in-process {@link RecurringIndex}, and joins the
 * cluster of the most similar clustered ticket (or founds one with the similar unclustered tickets). When a cluster
 * reaches a configured size, {@code issue.recurring-detected} goes to the outbox, once per cluster and size.
 *
 * <p>Several replicas share one database, which is the source of truth: each decision runs under a
 * transaction-scoped PostgreSQL advisory lock ({@link #LOCK_KEY}), and refreshes this replica's index from the
 * {@code recurring_ticket} rows stored since it last looked (by any replica) before it compares. So decisions are
 * serialized across replicas and each sees every ticket committed before it. A scheduled sweep deletes what is older
 * than the window, under the same lock, and each replica's index forgets it.
 */
@ApplicationScoped
public class RecurringService {
    private static final Logger LOG = Logger.getLogger(RecurringService.class);
    private static final Duration EVICT_EVERY = Duration.ofMinutes(1);
    static final int SUMMARY_EVERY_JOIN_UP_TO = 50;
    static final int SUMMARY_REGROWTH_PERCENT = 10;

    /**
     * The key of the transaction-scoped advisory lock that serializes recurring-issue decisions and the retention
     * sweep on all replicas ("triageRC" in ASCII).
     */
    public static final long LOCK_KEY = 0x7472696167655243L;

    private static final String LOCK = "SELECT 1 FROM pg_advisory_xact_lock($1)";
    private static final String PURGE_CLUSTERS = "DELETE FROM recurring_cluster WHERE cluster_id IN ("
            + "SELECT cluster_id FROM recurring_cluster WHERE updated_at < $1 ORDER BY updated_at LIMIT $2"
            + " FOR UPDATE SKIP LOCKED)";
    private static final String PURGE_TICKETS = "DELETE FROM recurring_ticket WHERE ticket_id IN ("
            + "SELECT t.ticket_id FROM recurring_ticket t WHERE t.created_at < $1 AND NOT EXISTS"
            + " (SELECT 1 FROM recurring_member m WHERE m.ticket_id = t.ticket_id)"
            + " ORDER BY t.created_at LIMIT $2 FOR UPDATE OF t SKIP LOCKED)";

    private final TriageConfig.Recurring config;
    private final List<Integer> sizes;
    private final RecurringIndex index;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Pool pool;
    private final Timer lockWait;
    private final Counter purgedClusters;
    private final Counter purgedTickets;
    /** The highest {@code recurring_ticket.seq} this replica's index has read (rows are read under the lock). */
    private final AtomicLong lastSeq = new AtomicLong();
    /**
     * The lock and the index's sync, once per transaction: the next tickets of a batch skip both (no other replica can
     * insert while it holds the lock, and its own tickets are in the index already).
     */
    private final OncePerTransaction lockedAndSynced = new OncePerTransaction();

    private volatile Instant lastEvict = Instant.EPOCH;

    public RecurringService(
            TriageConfig config,
            ClassifierService classifier,
            OutboxWriter outbox,
            Clock clock,
            MeterRegistry registry,
            Pool pool) {
        this.config = config.recurring();
        this.sizes = this.config.announceSizes().stream().sorted().toList();
        if (sizes.isEmpty() || sizes.get(0) < 2) {
            throw new IllegalArgumentException("triage.recurring.announce-sizes must start at 2 or more, got " + sizes);
        }
        CharArraySet exclusions = new CharArraySet(16, true);
        classifier
                .bootstrap()
                .tree()
                .path("analysis")
                .path("stem_exclusions")
                .forEach(word -> exclusions.add(word.asText()));
        this.index = new RecurringIndex(
                new TicketAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, exclusions),
                EnglishAnalyzer.ENGLISH_STOP_WORDS_SET,
                this.config.maxQueryTerms());
        this.outbox = outbox;
        this.clock = clock;
        this.registry = registry;
        this.pool = pool;
        this.lockWait = Timer.builder("ts.triage.recurring.lock-wait")
                .description("time a recurring-issue decision waited for the advisory lock shared by the replicas")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        this.purgedClusters = Counter.builder("ts.triage.recurring.purged")
                .description("recurring rows deleted by the retention sweep, by kind")
                .tag("kind", "cluster")
                .register(registry);
        this.purgedTickets = Counter.builder("ts.triage.recurring.purged")
                .description("recurring rows deleted by the retention sweep, by kind")
                .tag("kind", "ticket")
                .register(registry);
        Gauge.builder("ts.triage.recurring.indexed", index, RecurringIndex::size)
                .description("tickets of the recurring window in this replica's similarity index")
                .register(registry);
    }

    /** What observing a ticket did. */
    public record Result(UUID clusterId, int size, int announcedSize, boolean newCluster, boolean summarized) {
        static final Result NONE = new Result(null, 0, 0, false, false);
    }

    /** Runs inside the triage transaction. A ticket already observed (same ticket id) changes nothing. */
    public Uni<Result> observe(TicketCreated ticket, String category) {
        if (!config.enabled() || ticket.type() == TicketType.ESCALATION) {
            return Uni.createFrom().item(Result.NONE);
        }
        Instant now = now();
        Instant created = ticket.createdAt() == null ? now : ticket.createdAt().truncatedTo(ChronoUnit.MICROS);
        Instant from = now.minus(config.window());
        if (created.isBefore(from)) {
            return Uni.createFrom().item(Result.NONE);
        }
        String text = text(ticket.subject(), ticket.description());
        List<String> terms = index.terms(text);
        return Panache.getSession()
                .chain(session -> lockAndSync(session, from)
                        .chain(() -> session.createNativeQuery(
                                        "INSERT INTO recurring_ticket (ticket_id, customer_id, category, subject, description,"
                                                + " terms, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                                                + " ON CONFLICT (ticket_id) DO NOTHING RETURNING seq",
                                        Long.class)
                                .setParameter(1, ticket.ticketId())
                                .setParameter(
                                        2,
                                        ticket.customer() == null
                                                ? null
                                                : ticket.customer().id())
                                .setParameter(3, category)
                                .setParameter(4, ticket.subject())
                                .setParameter(5, ticket.description())
                                .setParameter(6, String.join(" ", terms))
                                .setParameter(7, Rows.utc(created))
                                .getResultList())
                        .chain(inserted -> {
                            if (inserted.isEmpty()) {
                                return Uni.createFrom().item(Result.NONE);
                            }
                            index.add(ticket.ticketId(), text, created);
                            // read under the lock after every row before it: the next sync starts after this one
                            // instead of reading the ticket back into the index
                            lastSeq.accumulateAndGet(inserted.get(0), Math::max);
                            List<RecurringIndex.Match> matches = index.similar(
                                    ticket.ticketId(), text, from, config.minSimilarity(), config.minSharedTerms());
                            if (matches.isEmpty()) {
                                return Uni.createFrom().item(Result.NONE);
                            }
                            return cluster(session, ticket.ticketId(), matches, category, now);
                        }));
    }

    /** Counts a committed observation. */
    public void committed(Result result) {
        if (result.newCluster()) {
            Counter.builder("ts.triage.recurring.clusters")
                    .description("clusters of similar tickets founded")
                    .register(registry)
                    .increment();
        }
        if (result.summarized()) {
            Counter.builder("ts.triage.recurring.summaries")
                    .description("cluster summaries (shared terms, category) computed again from all the members")
                    .register(registry)
                    .increment();
        }
        if (result.announcedSize() > 0) {
            Counter.builder("ts.triage.recurring.detected")
                    .description("issue.recurring-detected published, by the cluster size announced")
                    .tag("size", String.valueOf(result.announcedSize()))
                    .register(registry)
                    .increment();
        }
    }

    private Uni<Result> cluster(
            Mutiny.Session session, UUID ticketId, List<RecurringIndex.Match> matches, String category, Instant now) {
        List<UUID> ids = matches.stream().map(RecurringIndex.Match::ticketId).toList();
        return session.createNativeQuery(
                        // one statement text whatever the number of matches (an IN list would be a new statement,
                        // and a new entry of Hibernate's query plan cache, per length), and a primary-key lookup per
                        // match in both tables, however many members the window holds
                        "SELECT t.ticket_id, (SELECT m.cluster_id FROM recurring_member m WHERE m.ticket_id ="
                                + " t.ticket_id) FROM recurring_ticket t"
                                + " WHERE t.ticket_id = ANY(string_to_array(?1, ',')::uuid[])",
                        Object[].class)
                .setParameter(1, ids.stream().map(UUID::toString).collect(Collectors.joining(",")))
                .getResultList()
                .chain(rows -> {
                    Map<UUID, Optional<UUID>> clusterOf = rows.stream()
                            .collect(Collectors.toMap(
                                    r -> Rows.uuid(r[0]),
                                    r -> Optional.ofNullable(r[1]).map(Rows::uuid)));
                    // the index may hold a ticket whose transaction rolled back: only stored tickets count
                    List<RecurringIndex.Match> stored = matches.stream()
                            .filter(m -> clusterOf.containsKey(m.ticketId()))
                            .toList();
                    if (stored.isEmpty()) {
                        return Uni.createFrom().item(Result.NONE);
                    }
                    Optional<UUID> existing = stored.stream()
                            .map(m -> clusterOf.get(m.ticketId()))
                            .flatMap(Optional::stream)
                            .findFirst();
                    UUID clusterId = existing.orElseGet(UUID::randomUUID);
                    List<Object[]> joining = new ArrayList<>();
                    joining.add(new Object[] {ticketId, stored.get(0).similarity()});
                    for (RecurringIndex.Match m : stored) {
                        if (clusterOf.get(m.ticketId()).isEmpty()) {
                            joining.add(new Object[] {m.ticketId(), m.similarity()});
                        }
                    }
                    Uni<Object[]> lock = existing.isPresent()
                            ? session.createNativeQuery(
                                            "SELECT size, last_announced_size, summary_size FROM recurring_cluster"
                                                    + " WHERE cluster_id = ?1 FOR UPDATE",
                                            Object[].class)
                                    .setParameter(1, clusterId)
                                    .getSingleResult()
                            : session.createNativeQuery(
                                            "INSERT INTO recurring_cluster (cluster_id, category, signature, shared_terms,"
                                                    + " size, created_at, updated_at) VALUES (?1, ?2, '', '', 0, ?3, ?3)")
                                    .setParameter(1, clusterId)
                                    .setParameter(2, category)
                                    .setParameter(3, Rows.utc(now))
                                    .executeUpdate()
                                    .replaceWith(new Object[] {0, null, 0});
                    return lock.chain(state -> join(session, clusterId, joining, now)
                            .chain(added -> update(
                                    session,
                                    clusterId,
                                    ticketId,
                                    (int) Rows.number(state[0]) + added,
                                    state[1] == null ? null : (int) Rows.number(state[1]),
                                    (int) Rows.number(state[2]),
                                    now,
                                    existing.isEmpty())));
                });
    }

    /**
     * Adds the joining tickets to the cluster in one statement, in their order; how many were not members yet. A
     * ticket joining a cluster brings its unclustered matches along: ~9 of them per ticket in a surge on a window of
     * 7,800 tickets (100,000 of history), one statement each before.
     */
    private Uni<Integer> join(Mutiny.Session session, UUID clusterId, List<Object[]> joining, Instant now) {
        return session.createNativeQuery("INSERT INTO recurring_member (ticket_id, cluster_id, similarity, joined_at)"
                        + " SELECT m.ticket_id, ?2, m.similarity, ?4 FROM unnest(string_to_array(?1, ',')::uuid[],"
                        + " string_to_array(?3, ',')::float8[]) WITH ORDINALITY AS m(ticket_id, similarity, n)"
                        + " ORDER BY m.n ON CONFLICT (ticket_id) DO NOTHING")
                .setParameter(1, joining.stream().map(m -> m[0].toString()).collect(Collectors.joining(",")))
                .setParameter(2, clusterId)
                .setParameter(
                        3,
                        joining.stream()
                                .map(m -> Double.toString((double) m[1]))
                                .collect(Collectors.joining(",")))
                .setParameter(4, Rows.utc(now))
                .executeUpdate();
    }

    /**
     * Whether a cluster of {@code size} members (after this join) gets its summary computed again from all of them:
     * always up to {@link #SUMMARY_EVERY_JOIN_UP_TO} members and at a size to announce, otherwise once it has grown by
     * {@link #SUMMARY_REGROWTH_PERCENT} % since the last computation. Reading every member at every join made a join
     * O(members), and a cluster of n tickets O(n²) (an alert storm of 1,000 tickets is one cluster); this makes it
     * amortised O(1) per join, and the summary of a large cluster lags its newest tenth at most.
     */
    static boolean summarizeAgain(int size, int summarySize, int announce) {
        return size <= SUMMARY_EVERY_JOIN_UP_TO
                || announce > 0
                || size * 100L >= summarySize * (100L + SUMMARY_REGROWTH_PERCENT);
    }

    private Uni<Result> update(
            Mutiny.Session session,
            UUID clusterId,
            UUID ticketId,
            int joinedSize,
            Integer lastAnnounced,
            int summarySize,
            Instant now,
            boolean newCluster) {
        if (!summarizeAgain(joinedSize, summarySize, ClusterSummary.announceAt(sizes, joinedSize, lastAnnounced))) {
            return session.createNativeQuery(
                            "UPDATE recurring_cluster SET size = ?2, updated_at = ?3 WHERE cluster_id = ?1")
                    .setParameter(1, clusterId)
                    .setParameter(2, joinedSize)
                    .setParameter(3, Rows.utc(now))
                    .executeUpdate()
                    .replaceWith(new Result(clusterId, joinedSize, 0, newCluster, false));
        }
        return session.createNativeQuery(
                        "SELECT t.ticket_id, t.terms, t.category FROM recurring_member m JOIN recurring_ticket t"
                                + " ON t.ticket_id = m.ticket_id WHERE m.cluster_id = ?1 ORDER BY t.seq",
                        Object[].class)
                .setParameter(1, clusterId)
                .getResultList()
                .chain(rows -> {
                    List<UUID> members = rows.stream().map(r -> Rows.uuid(r[0])).toList();
                    ClusterSummary.Summary summary = ClusterSummary.of(rows.stream()
                            .map(r -> new ClusterSummary.Member(
                                    ((String) r[1]).isEmpty() ? List.of() : Arrays.asList(((String) r[1]).split(" ")),
                                    (String) r[2]))
                            .toList());
                    int size = members.size();
                    int announce = ClusterSummary.announceAt(sizes, size, lastAnnounced);
                    Uni<Void> saved = session.createNativeQuery(
                                    "UPDATE recurring_cluster SET category = ?2, signature = ?3, shared_terms = ?4,"
                                            + " size = ?5, summary_size = ?5, updated_at = ?6 WHERE cluster_id = ?1")
                            .setParameter(1, clusterId)
                            .setParameter(2, summary.category())
                            .setParameter(3, summary.signature())
                            .setParameter(4, String.join(" ", summary.sharedTerms()))
                            .setParameter(5, size)
                            .setParameter(6, Rows.utc(now))
                            .executeUpdate()
                            .replaceWithVoid();
                    if (announce == 0) {
                        return saved.replaceWith(new Result(clusterId, size, 0, newCluster, true));
                    }
                    return saved.chain(() -> session.createNativeQuery(
                                            "INSERT INTO recurring_announcement (cluster_id, size, ticket_id,"
                                                    + " announced_at) VALUES (?1, ?2, ?3, ?4)"
                                                    + " ON CONFLICT (cluster_id, size) DO NOTHING")
                                    .setParameter(1, clusterId)
                                    .setParameter(2, announce)
                                    .setParameter(3, ticketId)
                                    .setParameter(4, Rows.utc(now))
                                    .executeUpdate())
                            .chain(inserted -> {
                                if (inserted == 0) {
                                    return Uni.createFrom().item(new Result(clusterId, size, 0, newCluster, true));
                                }
                                LOG.infof(
                                        "recurring issue %s: cluster %s has %d tickets (shared terms %s)",
                                        summary.signature(), clusterId, size, summary.sharedTerms());
                                return session.createNativeQuery(
                                                "UPDATE recurring_cluster SET last_announced_size = ?2,"
                                                        + " first_detected_at = coalesce(first_detected_at, ?3)"
                                                        + " WHERE cluster_id = ?1")
                                        .setParameter(1, clusterId)
                                        .setParameter(2, announce)
                                        .setParameter(3, Rows.utc(now))
                                        .executeUpdate()
                                        .chain(() -> outbox.append(new IssueRecurringDetected(
                                                ticketId,
                                                summary.signature(),
                                                members,
                                                size,
                                                now,
                                                clusterId,
                                                summary.category(),
                                                summary.sharedTerms())))
                                        .replaceWith(new Result(clusterId, size, announce, newCluster, true));
                            });
                });
    }

    /**
     * The lock and the sync below, once per transaction: a batch's later tickets find both done (the lock is held
     * until the transaction ends, and each ticket of it was added to the index as it was stored).
     */
    private Uni<Void> lockAndSync(Mutiny.Session session, Instant from) {
        return lockedAndSynced.run(session, () -> lock(session).chain(() -> sync(session, from)));
    }

    /**
     * Takes the advisory lock that serializes decisions across replicas, until the transaction ends. Every
     * {@code recurring_ticket} row is inserted under it, so rows commit in {@code seq} order: a replica that holds
     * the lock and reads {@code seq >} its last seen misses no committed row.
     */
    private Uni<Void> lock(Mutiny.Session session) {
        long started = System.nanoTime();
        return session.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(?1)", Integer.class)
                .setParameter(1, LOCK_KEY)
                .getSingleResult()
                .invoke(() -> lockWait.record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                .replaceWithVoid();
    }

    /**
     * Brings the index up to the stored tickets of the window: at the first call all of them (after a restart),
     * then those stored since (by this or another replica). Forgets tickets older than the window once a minute.
     */
    private Uni<Void> sync(Mutiny.Session session, Instant from) {
        Instant now = now();
        if (Duration.between(lastEvict, now).compareTo(EVICT_EVERY) > 0) {
            index.evictBefore(from);
            lastEvict = now;
        }
        return session.createNativeQuery(
                        "SELECT ticket_id, seq, subject, description, created_at FROM recurring_ticket"
                                + " WHERE seq > ?1 AND created_at >= ?2 ORDER BY seq",
                        Object[].class)
                .setParameter(1, lastSeq.get())
                .setParameter(2, Rows.utc(from))
                .getResultList()
                .invoke(rows -> {
                    for (Object[] r : rows) {
                        index.add(Rows.uuid(r[0]), text((String) r[2], (String) r[3]), Rows.instant(r[4]));
                        lastSeq.accumulateAndGet(Rows.number(r[1]), Math::max);
                    }
                })
                .replaceWithVoid();
    }

    /** What a retention sweep deleted. */
    public record Purged(long clusters, long tickets) {}

    /**
     * The retention sweep of every replica: a minute after start, then every {@code triage.recurring.purge-every}.
     * Deleting is idempotent and runs under the decisions' lock, so two replicas sweeping at once delete each row
     * once; a failed round is retried by the next.
     */
    @Scheduled(
            identity = "recurring-purge",
            every = "${triage.recurring.purge-every:10m}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPurge() {
        return purge(config.purgeBatch())
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("recurring retention sweep failed (the next round retries): %s", e.getMessage());
                    return null;
                })
                .replaceWithVoid();
    }

    /**
     * Deletes, in chunks of {@code batch} rows (one transaction each, under the decisions' lock), the clusters no
     * ticket joined within the window (their membership and announcements go with them), then the tickets older than
     * the window that belong to no remaining cluster; this replica's index forgets the tickets older than the window.
     */
    public Uni<Purged> purge(int batch) {
        Instant from = now().minus(config.window());
        return purgeChunks(PURGE_CLUSTERS, from, batch, purgedClusters, 0)
                .chain(clusters -> purgeChunks(PURGE_TICKETS, from, batch, purgedTickets, 0)
                        .map(tickets -> new Purged(clusters, tickets)))
                .invoke(purged -> {
                    index.evictBefore(from);
                    lastEvict = now();
                    if (purged.clusters() + purged.tickets() > 0) {
                        LOG.infof(
                                "recurring retention: deleted %d clusters and %d tickets older than %s",
                                purged.clusters(), purged.tickets(), from);
                    }
                });
    }

    private Uni<Long> purgeChunks(String delete, Instant from, int batch, Counter counter, long sofar) {
        return pool.withTransaction(connection -> lock(connection)
                        .chain(() -> connection.preparedQuery(delete).execute(Tuple.of(Rows.utc(from), batch))))
                .chain(rows -> {
                    int deleted = rows.rowCount();
                    counter.increment(deleted); // after the chunk's commit
                    return deleted < batch
                            ? Uni.createFrom().item(sofar + deleted)
                            : purgeChunks(delete, from, batch, counter, sofar + deleted);
                });
    }

    private static Uni<Void> lock(SqlConnection connection) {
        return connection.preparedQuery(LOCK).execute(Tuple.of(LOCK_KEY)).replaceWithVoid();
    }

    /** Tickets in this replica's similarity index. */
    public int indexed() {
        return index.size();
    }

    /** Clusters updated within the window, most recently updated first. */
    @WithSession
    public Uni<Page> clusters(int offset, int limit) {
        Instant from = now().minus(config.window());
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT cluster_id, category, signature, shared_terms, size, last_announced_size,"
                                        + " first_detected_at, created_at, updated_at FROM recurring_cluster"
                                        + " WHERE updated_at >= ?1 ORDER BY updated_at DESC, cluster_id"
                                        + " OFFSET ?2 LIMIT ?3",
                                Object[].class)
                        .setParameter(1, Rows.utc(from))
                        .setParameter(2, offset)
                        .setParameter(3, limit)
                        .getResultList()
                        .chain(rows -> {
                            List<UUID> ids =
                                    rows.stream().map(r -> Rows.uuid(r[0])).toList();
                            Uni<List<Object[]>> members = ids.isEmpty()
                                    ? Uni.createFrom().item(List.of())
                                    : session.createNativeQuery(
                                                    "SELECT m.cluster_id, m.ticket_id, m.similarity, m.joined_at,"
                                                            + " t.subject, t.category, t.created_at"
                                                            + " FROM recurring_member m JOIN recurring_ticket t"
                                                            + " ON t.ticket_id = m.ticket_id WHERE m.cluster_id IN (?1)"
                                                            + " ORDER BY t.seq",
                                                    Object[].class)
                                            .setParameter(1, ids)
                                            .getResultList();
                            return members.map(list -> clustersOf(rows, list));
                        })
                        .chain(clusters -> session.createNativeQuery(
                                        "SELECT count(*) FROM recurring_cluster WHERE updated_at >= ?1", Long.class)
                                .setParameter(1, Rows.utc(from))
                                .getSingleResult()
                                .map(total -> new Page(clusters, total))));
    }

    /** One page of clusters and how many there are. */
    public record Page(List<Cluster> clusters, long total) {}

    /** A cluster with its tickets (oldest first) and why they belong together. */
    public record Cluster(
            UUID clusterId,
            String category,
            String signature,
            List<String> sharedTerms,
            int size,
            Integer lastAnnouncedSize,
            Instant firstDetectedAt,
            Instant createdAt,
            Instant updatedAt,
            List<Member> tickets) {}

    /** A member ticket: its similarity to the cluster when it joined. */
    public record Member(
            UUID ticketId, String subject, String category, double similarity, Instant createdAt, Instant joinedAt) {}

    private static List<Cluster> clustersOf(List<Object[]> rows, List<Object[]> members) {
        Map<UUID, List<Member>> byCluster = new java.util.HashMap<>();
        for (Object[] m : members) {
            byCluster
                    .computeIfAbsent(Rows.uuid(m[0]), k -> new ArrayList<>())
                    .add(new Member(
                            Rows.uuid(m[1]),
                            (String) m[4],
                            (String) m[5],
                            ((Number) m[2]).doubleValue(),
                            Rows.instant(m[6]),
                            Rows.instant(m[3])));
        }
        return rows.stream()
                .map(r -> new Cluster(
                        Rows.uuid(r[0]),
                        (String) r[1],
                        (String) r[2],
                        ((String) r[3]).isEmpty() ? List.of() : List.of(((String) r[3]).split(" ")),
                        (int) Rows.number(r[4]),
                        r[5] == null ? null : (int) Rows.number(r[5]),
                        Rows.instant(r[6]),
                        Rows.instant(r[7]),
                        Rows.instant(r[8]),
                        byCluster.getOrDefault(Rows.uuid(r[0]), List.of())))
                .toList();
    }

    static String text(String subject, String description) {
        return (subject == null ? "" : subject) + "\n" + (description == null ? "" : description);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Reads the window's tickets into the index before the service reports ready, so that the first ticket after a
     * start does not wait for it (1,097 tickets took 1-2.3 s here, C1 only). Should the database
     * not answer, the first ticket's own sync reads them instead.
     */
    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        long started = System.nanoTime();
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                    Panache.getSession().chain(session -> sync(session, now().minus(config.window())))));
            LOG.infof(
                    "similarity index: %d tickets of the window read in %d ms",
                    index.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (Throwable e) {
            LOG.warnf("similarity index: the window was not read at start (%s); the first ticket will read it", e);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        index.close();
    }
}
