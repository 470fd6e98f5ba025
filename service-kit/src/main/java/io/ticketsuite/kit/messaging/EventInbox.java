package io.ticketsuite.kit.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventDecodingException;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.EventType;
import io.ticketsuite.kit.idempotency.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * The consuming side of the kit: decodes a Kafka record into an event (a poison record fails at once, so the
 * channel's dead-letter strategy moves it to the dead-letter topic with the reason), then, in one transaction,
 * records the event id and runs the handler; a redelivered event is skipped. Transient is not poison: a
 * transaction that fails because of the environment ({@link FailureKind#TRANSIENT}: database or broker
 * unavailable, lost connection, lock or serialization conflict, timeout) is retried with bounded backoff until it
 * succeeds — the channel takes no new record meanwhile and {@link StalledConsumers} turns readiness DOWN; only a
 * failure about the record itself ({@link FailureKind#PERMANENT}) is retried twice more and then dead-lettered,
 * counted in {@code ts_events_dead_lettered_total{consumer,reason}}. Return the {@link Uni} from an {@code
 * @Incoming} method: the offset is committed only after it completes.
 */
@ApplicationScoped
public class EventInbox {
    private static final Logger LOG = Logger.getLogger(EventInbox.class);
    /** Quick further attempts for a failure about the record itself, before it goes to the dead letters. */
    private static final int PERMANENT_RETRIES = 2;

    private static final Duration TRANSIENT_FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration TRANSIENT_MAX_BACKOFF = Duration.ofSeconds(5);

    private final ProcessedEvents processed;
    private final MeterRegistry registry;
    private final StalledConsumers stalls;
    private final Map<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();

    private final Function<Supplier<Uni<Boolean>>, Uni<Boolean>> transaction;

    @Inject
    public EventInbox(ProcessedEvents processed, MeterRegistry registry, StalledConsumers stalls) {
        this(processed, registry, stalls, Panache::withTransaction);
    }

    /** With another transaction boundary than Hibernate Reactive's (tests of the retry logic). */
    EventInbox(
            ProcessedEvents processed,
            MeterRegistry registry,
            StalledConsumers stalls,
            Function<Supplier<Uni<Boolean>>, Uni<Boolean>> transaction) {
        this.processed = processed;
        this.registry = registry;
        this.stalls = stalls;
        this.transaction = transaction;
    }

    /**
     * Like {@link #process(String, ConsumerRecord, Function)}, for a consumer that acts on some of its topic's
     * types only: a record whose {@code ce_type} is a known type outside {@code relevant} is acknowledged at once —
     * not decoded, no transaction, no processed-event row — and counted with outcome {@code ignored}. A missing or
     * unknown type still takes the poison path (dead-letter topic).
     */
    public Uni<Void> process(
            String consumer,
            ConsumerRecord<String, String> record,
            Set<EventType> relevant,
            Function<EventEnvelope<EventData>, Uni<Void>> handler) {
        Header typeHeader = record.headers().lastHeader(CloudEventHeaders.TYPE);
        Optional<EventType> type = typeHeader == null || typeHeader.value() == null
                ? Optional.empty()
                : EventType.fromCeType(new String(typeHeader.value(), StandardCharsets.UTF_8));
        if (type.isPresent() && !relevant.contains(type.get())) {
            count(consumer, type.get().ceType(), "ignored");
            return Uni.createFrom().voidItem();
        }
        return process(consumer, record, handler);
    }

    public Uni<Void> process(
            String consumer,
            ConsumerRecord<String, String> record,
            Function<EventEnvelope<EventData>, Uni<Void>> handler) {
        EventEnvelope<EventData> event;
        try {
            event = decode(record);
        } catch (EventDecodingException e) {
            count(consumer, "unknown", "rejected");
            deadLettered(consumer, "undecodable");
            LOG.warnf(
                    "%s: poison record %s-%d@%d sent to the dead-letter topic: %s",
                    consumer, record.topic(), record.partition(), record.offset(), e.getMessage());
            return Uni.createFrom().failure(e);
        }
        String type = event.type().ceType();
        String what = type + " " + event.id() + " (" + record.topic() + "-" + record.partition() + "@" + record.offset()
                + ")";
        return Uni.createFrom()
                .deferred(() -> transaction.apply(() -> processed
                        .firstDelivery(consumer, event.id())
                        .chain(first -> first
                                ? handler.apply(event).replaceWith(true)
                                : Uni.createFrom().item(false))))
                // the environment failed (database or broker unavailable, lock conflict, timeout): the same record
                // again, until it succeeds; the channel takes no new record meanwhile and readiness is DOWN
                .onFailure(FailureKind::isTransient)
                .invoke(e -> {
                    transientFailures(consumer).increment();
                    stalls.failed(consumer, what, e);
                })
                .onFailure(FailureKind::isTransient)
                .retry()
                .withBackOff(TRANSIENT_FIRST_BACKOFF, TRANSIENT_MAX_BACKOFF)
                .atMost(Long.MAX_VALUE)
                // the record failed: a few quick attempts (a race between replicas resolves), then the dead letters
                .onFailure()
                .invoke(e -> LOG.warnf("%s: %s failed, will retry: %s", consumer, what, e.toString()))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(50), Duration.ofMillis(500))
                .atMost(PERMANENT_RETRIES)
                .invoke(first -> {
                    stalls.recovered(consumer);
                    count(consumer, type, first ? "processed" : "duplicate");
                })
                .onFailure()
                .invoke(e -> {
                    stalls.recovered(consumer);
                    count(consumer, type, "failed");
                    deadLettered(consumer, reason(e));
                    LOG.errorf(
                            "%s: %s sent to the dead-letter topic after %d attempts: %s",
                            consumer, what, PERMANENT_RETRIES + 1, e.toString());
                })
                .replaceWithVoid();
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
