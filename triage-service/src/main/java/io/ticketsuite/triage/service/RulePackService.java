package io.ticketsuite.triage.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.problem.ProblemTypes;
import io.ticketsuite.triage.classifier.RulePackException;
import io.ticketsuite.triage.repository.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The rule pack's lifecycle. Every pack that was ever in force is a row of {@code rule_pack}; the newest row is in
 * force on every replica: each decision first asks the database for the newest row number (one indexed read) and
 * compiles the newer pack when there is one. An admin's upload is validated before anything is stored.
 */
@ApplicationScoped
public class RulePackService {
    private static final Logger LOG = Logger.getLogger(RulePackService.class);
    /** pg_advisory_xact_lock key serialising writers of rule_pack ("triage" + 1). */
    private static final long LOCK = 0x7472696167650001L;

    private final ClassifierService classifier;
    private final Clock clock;
    private final MeterRegistry registry;
    private volatile boolean bootstrapped;

    public RulePackService(ClassifierService classifier, Clock clock, MeterRegistry registry) {
        this.classifier = classifier;
        this.clock = clock;
        this.registry = registry;
    }

    /** Brings this replica to the newest stored pack once per transaction (see {@link #refresh()}). */
    private final OncePerTransaction refreshed = new OncePerTransaction();

    /** One row of the pack history. */
    public record Stored(long seq, String version, String loadedBy, Instant loadedAt) {}

    /**
     * In the caller's transaction: stores the bootstrap pack once if its version is new, then brings this replica
     * to the newest stored pack.
     */
    public Uni<Void> refresh() {
        // once per transaction: the events of one consumer batch are decided with the pack in force at its start
        return Panache.getSession()
                .chain(session -> refreshed.run(session, () -> {
                    Uni<Void> boot = bootstrapped ? Uni.createFrom().voidItem() : storeBootstrap();
                    return boot.chain(this::newestSeq).chain(seq -> {
                        if (seq == null || seq <= classifier.active().seq()) {
                            return Uni.createFrom().voidItem();
                        }
                        return Panache.getSession()
                                .chain(s -> s.createNativeQuery(
                                                "SELECT yaml, loaded_by FROM rule_pack WHERE seq = ?1", Object[].class)
                                        .setParameter(1, seq)
                                        .getSingleResult())
                                .invoke(row -> classifier.activate(
                                        seq, ClassifierService.compile((String) row[0]), source((String) row[1])))
                                .replaceWithVoid();
                    });
                }));
    }

    /** {@link #refresh()} in a transaction of its own (REST reads). */
    @WithTransaction
    public Uni<Void> refreshNow() {
        return refresh();
    }

    /**
     * Validates and stores a new pack; the caller puts it in force after the commit ({@link #activate}).
     *
     * @throws ProblemException 422 listing every reason when the pack is invalid, 409 when its version is the one
     *     in force or names another text already
     */
    @WithTransaction
    public Uni<Uploaded> upload(String yaml, String loadedBy) {
        ClassifierService.Compiled compiled;
        try {
            compiled = ClassifierService.compile(yaml);
        } catch (RulePackException e) {
            count("refused");
            throw invalid(e.reasons());
        } catch (RuntimeException e) {
            count("refused");
            throw invalid(List.of("the body is not a YAML rule pack"));
        }
        String version = compiled.version();
        return lock().chain(this::refresh)
                .chain(() -> Panache.getSession())
                .chain(s -> s.createNativeQuery("SELECT version FROM rule_pack ORDER BY seq DESC LIMIT 1", String.class)
                        .getSingleResultOrNull()
                        .chain(current -> {
                            if (version.equals(current)) {
                                count("conflict");
                                throw conflict("rule pack version " + version
                                        + " is already in force; give the new pack a new version");
                            }
                            return s.createNativeQuery(
                                            "SELECT yaml FROM rule_pack WHERE version = ?1 LIMIT 1", String.class)
                                    .setParameter(1, version)
                                    .getSingleResultOrNull();
                        })
                        .chain(earlier -> {
                            if (earlier != null && !earlier.equals(yaml)) {
                                count("conflict");
                                throw conflict("rule pack version " + version + " was loaded before with another text;"
                                        + " every decision names its pack version, so a version means one text");
                            }
                            return insert(version, yaml, loadedBy);
                        }))
                .map(seq -> {
                    count("loaded");
                    return new Uploaded(seq, compiled, loadedBy);
                });
    }

    /** A stored upload, to put in force once its transaction committed. */
    public record Uploaded(long seq, ClassifierService.Compiled compiled, String loadedBy) {}

    public void activate(Uploaded uploaded) {
        classifier.activate(uploaded.seq(), uploaded.compiled(), source(uploaded.loadedBy()));
        LOG.infof("rule pack %s loaded by %s", uploaded.compiled().version(), uploaded.loadedBy());
    }

    /** The packs ever in force, newest first. */
    @WithTransaction
    public Uni<List<Stored>> history(int limit) {
        return refresh()
                .chain(() -> Panache.getSession())
                .chain(s -> s.createNativeQuery(
                                "SELECT seq, version, loaded_by, loaded_at FROM rule_pack ORDER BY seq DESC LIMIT ?1",
                                Object[].class)
                        .setParameter(1, limit)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new Stored(Rows.number(r[0]), (String) r[1], (String) r[2], Rows.instant(r[3])))
                        .toList());
    }

    private Uni<Void> storeBootstrap() {
        ClassifierService.Compiled boot = classifier.bootstrap();
        return lock().chain(() -> Panache.getSession())
                .chain(s -> s.createNativeQuery("SELECT count(*) FROM rule_pack WHERE version = ?1", Long.class)
                        .setParameter(1, boot.version())
                        .getSingleResult())
                .chain(n -> n > 0
                        ? Uni.createFrom().voidItem()
                        : insert(boot.version(), boot.yaml(), classifier.bootstrapSource())
                                .invoke(seq -> LOG.infof("bootstrap rule pack %s stored as #%d", boot.version(), seq))
                                .replaceWithVoid())
                .invoke(() -> bootstrapped = true);
    }

    private Uni<Long> newestSeq() {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("SELECT max(seq) FROM rule_pack", Long.class)
                        .getSingleResultOrNull());
    }

    private Uni<Long> insert(String version, String yaml, String loadedBy) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "INSERT INTO rule_pack (version, yaml, loaded_by, loaded_at) VALUES (?1, ?2, ?3, ?4)"
                                        + " RETURNING seq",
                                Long.class)
                        .setParameter(1, version)
                        .setParameter(2, yaml)
                        .setParameter(3, loadedBy)
                        .setParameter(4, Rows.utc(now))
                        .getSingleResult());
    }

    private Uni<Void> lock() {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?1)) l", Integer.class)
                        .setParameter(1, LOCK)
                        .getSingleResult())
                .replaceWithVoid();
    }

    private static String source(String loadedBy) {
        return loadedBy.startsWith("classpath:") || loadedBy.startsWith("file:") ? loadedBy : "api:" + loadedBy;
    }

    private void count(String outcome) {
        Counter.builder("ts.triage.rule-pack.uploads")
                .description("rule pack uploads by outcome (loaded, refused, conflict)")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    private static ProblemException invalid(List<String> reasons) {
        return new ProblemException(
                422,
                ProblemTypes.of("invalid-rule-pack"),
                "Invalid rule pack",
                "The rule pack was refused (" + reasons.size() + " problem(s)); the pack in force is unchanged",
                null,
                Map.of("reasons", reasons));
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(409, ProblemTypes.CONFLICT, "Conflict", detail);
    }
}
