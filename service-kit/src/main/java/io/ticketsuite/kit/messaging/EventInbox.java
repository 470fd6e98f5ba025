package io.ticketsuite.kit.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventDecodingException;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.EventType;
import io.ticketsuite.kit.config.KitConfig;
import io.ticketsuite.kit.deadletter.DeadLetters;
import io.ticketsuite.kit.idempotency.ProcessedEvents;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.ticketsuite.kit.reactive.InOrder;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * The consuming side of the kit. A channel hands the inbox a batch of Kafka records (one poll; the connector runs in
 * batch mode) and the inbox applies it in <b>one transaction</b>: one multi-row insert into the processed-event
 * table tells which events are new (a redelivered event is skipped), then the handler runs for each new event in
 * the records' order (so one ticket's events, on one partition, stay in order), the session flushed and cleared
 * between events so each handler sees the database as if it ran alone. After the commit, the outcomes are counted and
 * the handlers' after-commit actions run — once, however many times the transaction was attempted.
 *
 * <p>Transient is not poison: a batch that fails because of the environment ({@link FailureKind#TRANSIENT}: database
 * or broker unavailable, lost connection, lock or serialization conflict, timeout) is retried with bounded backoff
 * until it succeeds — the channel takes no new record meanwhile and {@link StalledConsumers} turns readiness DOWN. A
 * batch that fails otherwise is applied again one record per transaction, so that only the record at fault — tried
 * three times — goes to the dead-letter topic ({@link DeadLetters#deadLetter}, with its reason), counted in
 * {@code ts_events_dead_lettered_total{consumer,reason}}; the records after it are processed. A record that is not an
 * event (cannot be decoded) is dead-lettered at once. Return the {@link Uni} from an {@code @Incoming} method: the
 * offsets are committed only after it completes; it fails only if the dead-letter topic cannot be written.
 */
@ApplicationScoped
public class EventInbox {
    private static final Logger LOG = Logger.getLogger(EventInbox.class);
    /** Quick further attempts for a failure about the record itself, before it goes to the dead letters. */
    private static final int PERMANENT_RETRIES = 2;

    private static final Duration TRANSIENT_FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration TRANSIENT_MAX_BACKOFF = Duration.ofSeconds(5);

    /** What a handler does with one event; {@code afterCommit} takes actions to run once the transaction committed. */
    @FunctionalInterface
    public interface Handler {
        Uni<Void> handle(EventEnvelope<EventData> event, AfterCommit afterCommit);
    }

    /** Collects actions (counting a metric, waking a worker) to run after the commit, once; dropped on rollback. */
    @FunctionalInterface
    public interface AfterCommit {
        void add(Runnable action);
    }

    /**
     * One ticket's new events of a batch (consecutive in the batch's ticket order, in their own order) and the trace
     * the first of them carries.
     */
    public record TicketEvents(List<EventEnvelope<EventData>> events, io.opentelemetry.context.Context trace) {
        /**
         * Runs {@code work} with this ticket's trace current: its log lines carry the trace id, and the events it
         * appends to the outbox ({@code OutboxWriter}, which reads the trace when it makes a row) continue the trace.
         */
        public <T> T inTrace(Supplier<T> work) {
            try (Scope ignored = trace.makeCurrent()) {
                return work.get();
            }
        }
    }

    /**
     * Applies a batch's events one after the other (tickets in the batch's order, a ticket's events in theirs), each
     * started in its ticket's trace once the one before it has ended. Stack-safe for any batch size ({@link
     * InOrder}): a handler must not nest one {@code chain} per event.
     */
    public static Uni<Void> eachInTurn(List<TicketEvents> batch, Function<EventEnvelope<EventData>, Uni<Void>> step) {
        List<Map.Entry<TicketEvents, EventEnvelope<EventData>>> events = new ArrayList<>();
        for (TicketEvents ticket : batch) {
            for (EventEnvelope<EventData> event : ticket.events()) {
                events.add(Map.entry(ticket, event));
            }
        }
        return InOrder.each(events, e -> e.getKey().inTrace(() -> step.apply(e.getValue())));
    }

    /**
     * What a handler does with a whole batch's new events at once, grouped by ticket ({@link #processBatch}): it can
     * read every ticket's rows in one statement, and the session is flushed once, after it.
     */
    @FunctionalInterface
    public interface BatchHandler {
        Uni<Void> handle(List<TicketEvents> tickets, AfterCommit afterCommit);
    }

    private final ProcessedEvents processed;
    private final MeterRegistry registry;
    private final StalledConsumers stalls;
    private final DeadLetters deadLetters;
    private final Map<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();
    private final DistributionSummary batchSizes;

    private final Function<Supplier<Uni<Void>>, Uni<Void>> transaction;
    private final Supplier<Uni<Void>> betweenEvents;

    /** pg_advisory_xact_lock key of a serial inbox ({@code ts.inbox.serial}): "tsinbox" + 1. */
    static final long SERIAL_LOCK = 0x7473696e626f7801L;

    @Inject
    public EventInbox(
            ProcessedEvents processed,
            MeterRegistry registry,
            StalledConsumers stalls,
            DeadLetters deadLetters,
            KitConfig config) {
        this(
                processed,
                registry,
                stalls,
                deadLetters,
                config.inbox().serial() ? EventInbox::serialTransaction : Panache::withTransaction,
                () -> Panache.getSession().chain(session -> session.flush().invoke(session::clear)));
    }

    /**
     * A transaction that first waits for the service's other consumer transactions (any replica's) to end: they run
     * one at a time, so shared rows are never locked in two orders at once.
     */
    private static Uni<Void> serialTransaction(Supplier<Uni<Void>> work) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT 1 FROM (SELECT pg_advisory_xact_lock(?1)) l", Integer.class)
                        .setParameter(1, SERIAL_LOCK)
                        .getSingleResult())
                .chain(work::get));
    }

    /** With another transaction boundary than Hibernate Reactive's (tests of the retry logic). */
    EventInbox(
            ProcessedEvents processed,
            MeterRegistry registry,
            StalledConsumers stalls,
            DeadLetters deadLetters,
            Function<Supplier<Uni<Void>>, Uni<Void>> transaction,
            Supplier<Uni<Void>> betweenEvents) {
        this.processed = processed;
        this.registry = registry;
        this.stalls = stalls;
        this.deadLetters = deadLetters;
        this.transaction = transaction;
        this.betweenEvents = betweenEvents;
        this.batchSizes = DistributionSummary.builder("ts.events.batch.size")
                .description("events applied per consumer transaction")
                .register(registry);
    }

    /** One record (a channel not in batch mode): as a batch of one. */
    public Uni<Void> process(
            String consumer,
            ConsumerRecord<String, String> record,
            Function<EventEnvelope<EventData>, Uni<Void>> handler) {
        return process(consumer, List.of(record), (Set<EventType>) null, handler);
    }

    /** One record of a consumer that acts on the {@code relevant} types only. */
    public Uni<Void> process(
            String consumer,
            ConsumerRecord<String, String> record,
            Set<EventType> relevant,
            Function<EventEnvelope<EventData>, Uni<Void>> handler) {
        return process(consumer, List.of(record), relevant, handler);
    }

    /** A batch of records, every type relevant. */
    public Uni<Void> process(
            String consumer,
            Iterable<ConsumerRecord<String, String>> records,
            Function<EventEnvelope<EventData>, Uni<Void>> handler) {
        return process(consumer, records, (Set<EventType>) null, handler);
    }

    /** A batch of records of a consumer that acts on the {@code relevant} types only (null: all). */
    public Uni<Void> process(
            String consumer,
            Iterable<ConsumerRecord<String, String>> records,
            Set<EventType> relevant,
            Function<EventEnvelope<EventData>, Uni<Void>> handler) {
        return process(consumer, records, relevant, (event, afterCommit) -> handler.apply(event));
    }

    /**
     * Applies a batch of records. A record whose {@code ce_type} is a known type outside {@code relevant} (when not
     * null) is acknowledged at once — not decoded, no processed-event row — and counted with outcome {@code ignored};
     * a missing or unknown type, or a payload that cannot be decoded, goes to the dead-letter topic at once.
     */
    public Uni<Void> process(
            String consumer,
            Iterable<ConsumerRecord<String, String>> records,
            Set<EventType> relevant,
            Handler handler) {
        return process(consumer, record -> consumer, records, relevant, handler);
    }

    /**
     * {@link #process(String, Iterable, Set, Handler)} for one channel over several topics: each event is recorded as
     * processed under {@code ledger.apply(record)} (see {@link #byTopic}); {@code consumer} names the channel in
     * metrics, logs and readiness.
     */
    public Uni<Void> process(
            String consumer,
            Function<ConsumerRecord<String, String>, String> ledger,
            Iterable<ConsumerRecord<String, String>> records,
            Set<EventType> relevant,
            Handler handler) {
        return process(consumer, ledger, records, relevant, eachEvent(handler), false);
    }

    /**
     * Applies a batch as {@link #process(String, Function, Iterable, Set, Handler)} does, but hands the handler every
     * ticket's new events of the batch in one call (a ticket's events consecutive and in their own order, tickets in
     * the batch's ticket order), and flushes and clears the session once, after it: a handler that reads all the batch's ticket rows in one statement, and
     * writes what they changed in one flush, instead of a few statements per ticket. A batch that fails is applied
     * again one record per transaction, as every inbox does; the handler then gets one ticket with one event.
     */
    public Uni<Void> processBatch(
            String consumer,
            Function<ConsumerRecord<String, String>, String> ledger,
            Iterable<ConsumerRecord<String, String>> records,
            Set<EventType> relevant,
            BatchHandler handler) {
        return process(
                consumer,
                ledger,
                records,
                relevant,
                (tickets, afterCommit) -> handler.handle(tickets, afterCommit).chain(() -> betweenEvents.get()),
                true);
    }

    /**
     * A per-event handler run for each event in turn (without grouping, a "ticket" holds one event), in its trace, the
     * session flushed and cleared after each.
     */
    private BatchHandler eachEvent(Handler handler) {
        return (tickets, afterCommit) -> InOrder.each(
                tickets,
                ticket -> inTrace(
                                ticket.trace(),
                                () -> handler.handle(ticket.events().get(0), afterCommit))
                        .chain(() -> betweenEvents.get()));
    }

    /** A ledger naming a record's processed-event row {@code prefix.topic} (e.g. {@code reporting.ticket-events}). */
    public static Function<ConsumerRecord<String, String>, String> byTopic(String prefix) {
        return record -> prefix + "." + record.topic();
    }

    private Uni<Void> process(
            String consumer,
            Function<ConsumerRecord<String, String>, String> ledger,
            Iterable<ConsumerRecord<String, String>> records,
            Set<EventType> relevant,
            BatchHandler handler,
            boolean byTicket) {
        List<Item> items = new ArrayList<>();
        List<Uni<Void>> poison = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            Header typeHeader = record.headers().lastHeader(CloudEventHeaders.TYPE);
            Optional<EventType> type = typeHeader == null || typeHeader.value() == null
                    ? Optional.empty()
                    : EventType.fromCeType(new String(typeHeader.value(), StandardCharsets.UTF_8));
            if (relevant != null && type.isPresent() && !relevant.contains(type.get())) {
                count(consumer, type.get().ceType(), "ignored");
                continue;
            }
            try {
                items.add(new Item(record, decode(record), ledger.apply(record)));
            } catch (EventDecodingException e) {
                count(consumer, "unknown", "rejected");
                try (Scope ignored = traceOf(record).makeCurrent()) {
                    LOG.warnf(
                            "%s: poison record %s-%d@%d sent to the dead-letter topic: %s",
                            consumer, record.topic(), record.partition(), record.offset(), e.getMessage());
                }
                poison.add(deadLetter(consumer, record, "undecodable", e));
            }
        }
        Uni<Void> dead = poison.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(poison).andFailFast().replaceWithVoid();
        if (items.isEmpty()) {
            return dead;
        }
        String what = items.size() == 1
                ? items.get(0).what()
                : items.size() + " events (" + items.get(0).what() + " …)";
        return dead.chain(() -> apply(consumer, what, items, handler, byTicket)
                .onFailure()
                .recoverWithUni(e -> {
                    if (items.size() == 1) {
                        return retryThenDeadLetter(consumer, items.get(0), handler, e);
                    }
                    // a failure about one of the records: apply them one by one, so that only that one is set aside
                    LOG.warnf("%s: a batch of %s failed (%s); applying its records one by one", consumer, what, e);
                    return InOrder.each(
                            items,
                            item -> apply(consumer, item.what(), List.of(item), handler, false)
                                    .onFailure()
                                    .recoverWithUni(f -> retryThenDeadLetter(consumer, item, handler, f)));
                }));
    }

    /** One transaction over {@code items}, retried while the environment fails; counted and followed up once committed. */
    private Uni<Void> apply(String consumer, String what, List<Item> items, BatchHandler handler, boolean byTicket) {
        return withTransientRetry(consumer, what, () -> attempt(consumer, items, handler, byTicket))
                .invoke(Done::committed)
                .replaceWithVoid();
    }

    /** A decoded record, and the consumer name its processed-event row has. */
    private record Item(ConsumerRecord<String, String> record, EventEnvelope<EventData> event, String ledger) {
        String what() {
            return event.type().ceType() + " " + event.id() + " (" + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + ")";
        }
    }

    /** What a committed attempt did: outcomes to count and actions to run, once. */
    private final class Done {
        private final String consumer;
        private final List<String[]> outcomes = new ArrayList<>();
        private final List<Runnable> actions = new java.util.concurrent.CopyOnWriteArrayList<>();

        Done(String consumer) {
            this.consumer = consumer;
        }

        void committed() {
            stalls.recovered(consumer);
            for (String[] outcome : outcomes) {
                count(consumer, outcome[0], outcome[1]);
            }
            for (Runnable action : actions) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.warnf("%s: an after-commit action failed: %s", consumer, e.toString());
                }
            }
        }
    }

    /** Reads a record's W3C trace context headers ({@code traceparent}, {@code tracestate}). */
    private static final TextMapGetter<ConsumerRecord<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ConsumerRecord<String, String> record) {
            List<String> keys = new ArrayList<>();
            record.headers().forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(ConsumerRecord<String, String> record, String key) {
            Header header = record == null ? null : record.headers().lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    /** The trace context a record carries (its W3C {@code traceparent}), or none. */
    private static io.opentelemetry.context.Context traceOf(ConsumerRecord<String, String> record) {
        return W3CTraceContextPropagator.getInstance()
                .extract(io.opentelemetry.context.Context.root(), record, HEADERS);
    }

    /**
     * Runs the work in the trace its record carries, through its asynchronous steps: a batch is one transaction, but
     * each event is handled — its log lines (MDC trace id) and the events it causes (their {@code traceparent}) — in
     * its own record's trace. The consumer span of each record is SmallRye's (Quarkus' Kafka instrumentation).
     */
    private static <T> Uni<T> inTrace(io.opentelemetry.context.Context trace, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Scope scope = trace.makeCurrent();
            Uni<T> started;
            try {
                started = work.get();
            } catch (RuntimeException e) {
                scope.close();
                throw e;
            }
            return started.onTermination().invoke(scope::close);
        });
    }

    /** The key of the running attempt's after-commit actions in its Vert.x context's local data. */
    private static final String AFTER_COMMIT = EventInbox.class.getName() + ".afterCommit";

    /**
     * Runs {@code action} once the consumer transaction this code runs in has committed (counting a metric of what
     * the transaction did: a retried or rolled-back attempt counts nothing); outside an inbox transaction, at once. The
     * inbox's transaction runs on one Vert.x context (Hibernate Reactive's session lives there), which carries the
     * attempt's list of actions.
     */
    public static void afterCommit(Runnable action) {
        Context context = Vertx.currentContext();
        List<Runnable> actions = context == null ? null : context.getLocal(AFTER_COMMIT);
        if (actions == null) {
            action.run();
        } else {
            actions.add(action);
        }
    }

    /**
     * One transaction over the items: which are new, then the handler for each new one in ticket order (by ticket:
     * once for each ticket's consecutive new events).
     */
    private Uni<Done> attempt(String consumer, List<Item> items, BatchHandler handler, boolean byTicket) {
        Done done = new Done(consumer);
        List<UUID> ids = items.stream().map(item -> item.event().id()).toList();
        List<String> ledgers = items.stream().map(Item::ledger).toList();
        List<List<Item>> runs = runs(inKeyOrder(items), byTicket);
        Context context = Vertx.currentContext();
        List<OutboxWriter.Row> announced = List.of();
        if (context != null) {
            context.putLocal(AFTER_COMMIT, done.actions);
            announced = OutboxWriter.defer(context);
        }
        List<OutboxWriter.Row> deferred = announced;
        return transaction
                .apply(() -> processed.firstDeliveries(ledgers, ids).chain(first -> {
                    Set<UUID> fresh = new HashSet<>(first);
                    List<TicketEvents> tickets = new ArrayList<>(runs.size());
                    for (List<Item> run : runs) {
                        List<EventEnvelope<EventData>> events = new ArrayList<>(run.size());
                        ConsumerRecord<String, String> firstRecord = null;
                        for (Item item : run) {
                            String type = item.event().type().ceType();
                            if (!fresh.remove(item.event().id())) {
                                done.outcomes.add(new String[] {type, "duplicate"});
                                continue;
                            }
                            done.outcomes.add(new String[] {type, "processed"});
                            events.add(item.event());
                            firstRecord = firstRecord == null ? item.record() : firstRecord;
                        }
                        if (!events.isEmpty()) {
                            // a ticket's events handled together run in the first one's trace
                            tickets.add(new TicketEvents(events, traceOf(firstRecord)));
                        }
                    }
                    Uni<Void> handled = tickets.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : handler.handle(tickets, done.actions::add);
                    // the events the handlers appended, in one statement at the end of the transaction
                    return handled.chain(() -> OutboxWriter.write(deferred));
                }))
                .invoke(() -> batchSizes.record(items.size()))
                .eventually(() -> {
                    if (context != null) {
                        context.removeLocal(AFTER_COMMIT);
                        OutboxWriter.stopDeferring(context);
                    }
                })
                .replaceWith(done);
    }

    /** The items in runs: one per item, or (by ticket) one per ticket's consecutive items; a keyless item alone. */
    private static List<List<Item>> runs(List<Item> ordered, boolean byTicket) {
        List<List<Item>> runs = new ArrayList<>();
        for (Item item : ordered) {
            List<Item> last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            String key = item.record().key();
            if (byTicket
                    && last != null
                    && key != null
                    && key.equals(last.get(0).record().key())) {
                last.add(item);
            } else {
                List<Item> run = new ArrayList<>();
                run.add(item);
                runs.add(run);
            }
        }
        return runs;
    }

    /**
     * The items sorted by record key (a ticket's id), stably: one key's records keep their order (they come from one
     * partition, in offset order), and every batch locks its tickets' rows in the same ascending order, so two
     * channels' batches over the same tickets wait for each other instead of deadlocking. Records without a key keep
     * their place relative to each other, first.
     */
    private static List<Item> inKeyOrder(List<Item> items) {
        List<Item> ordered = new ArrayList<>(items);
        ordered.sort(Comparator.comparing(
                (Item item) -> item.record().key(), Comparator.nullsFirst(Comparator.naturalOrder())));
        return ordered;
    }

    /**
     * The environment failed (database or broker unavailable, lock conflict, timeout): the same work again, until it
     * succeeds; the channel takes no new record meanwhile and readiness is DOWN.
     */
    private <T> Uni<T> withTransientRetry(String consumer, String what, Supplier<Uni<T>> work) {
        return Uni.createFrom()
                .deferred(() -> work.get())
                .onFailure(FailureKind::isTransient)
                .invoke(e -> {
                    transientFailures(consumer).increment();
                    stalls.failed(consumer, what, e);
                })
                .onFailure(FailureKind::isTransient)
                .retry()
                .withBackOff(TRANSIENT_FIRST_BACKOFF, TRANSIENT_MAX_BACKOFF)
                .atMost(Long.MAX_VALUE);
    }

    /** The record failed: a few quick attempts (a race between replicas resolves), then the dead letters. */
    private Uni<Void> retryThenDeadLetter(String consumer, Item item, BatchHandler handler, Throwable first) {
        LOG.warnf("%s: %s failed, will retry: %s", consumer, item.what(), first.toString());
        return apply(consumer, item.what(), List.of(item), handler, false)
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(50), Duration.ofMillis(500))
                .atMost(PERMANENT_RETRIES - 1L)
                .onFailure()
                .recoverWithUni(e -> {
                    stalls.recovered(consumer);
                    count(consumer, item.event().type().ceType(), "failed");
                    LOG.errorf(
                            "%s: %s sent to the dead-letter topic after %d attempts: %s",
                            consumer, item.what(), PERMANENT_RETRIES + 1, e.toString());
                    return deadLetter(consumer, item.record(), reason(e), e);
                });
    }

    /**
     * Puts the record on the dead-letter topic (retried while the broker is away: the record is never dropped) and
     * counts it; continues on the caller's Vert.x context, where the next record's transaction must run.
     */
    private Uni<Void> deadLetter(String consumer, ConsumerRecord<String, String> record, String reason, Throwable e) {
        Context context = Vertx.currentContext();
        Uni<Void> sent = withTransientRetry(
                        consumer,
                        "dead letter " + record.topic() + "-" + record.partition() + "@" + record.offset(),
                        () -> deadLetters
                                .deadLetter(record, e)
                                .ifNoItem()
                                .after(Duration.ofSeconds(30))
                                .failWith(() -> new java.util.concurrent.TimeoutException(
                                        "dead-letter topic not acknowledged")))
                .invoke(() -> {
                    stalls.recovered(consumer);
                    deadLettered(consumer, reason);
                });
        return context == null ? sent : sent.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    /** A short, bounded reason for a dead letter's metric tag: the failure's type (its root cause's). */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    public static EventEnvelope<EventData> decode(ConsumerRecord<String, String> record) {
        return EventCodec.decode(headers(record), record.value());
    }

    public static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            if (header.value() != null) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }

    private Counter transientFailures(String consumer) {
        return counters.computeIfAbsent(
                consumer + "|transient",
                k -> Counter.builder("ts.events.transient.failures")
                        .description("attempts of a consumer that failed because of the environment and were retried")
                        .tag("consumer", consumer)
                        .register(registry));
    }

    private void deadLettered(String consumer, String reason) {
        counters.computeIfAbsent(
                        consumer + "|dlq|" + reason,
                        k -> Counter.builder("ts.events.dead.lettered")
                                .description("records a consumer sent to the dead-letter topic, by reason")
                                .tag("consumer", consumer)
                                .tag("reason", reason)
                                .register(registry))
                .increment();
    }

    /** Counters are looked up per event: cached, so the hot path does not build and register a meter each time. */
    private void count(String consumer, String type, String outcome) {
        counters.computeIfAbsent(
                        consumer + '|' + type + '|' + outcome,
                        k -> Counter.builder("ts.events.consumed")
                                .description(
                                        "events read by a consumer, by outcome (processed, duplicate, ignored, rejected, failed)")
                                .tag("consumer", consumer)
                                .tag("type", type)
                                .tag("outcome", outcome)
                                .register(registry))
                .increment();
    }
}
