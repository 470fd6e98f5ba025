package io.ticketsuite.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.TraceId;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.ticketsuite.events.Channel;
import io.ticketsuite.events.Customer;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.EventType;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.kit.deadletter.DeadLetters;
import io.ticketsuite.kit.idempotency.ProcessedEvents;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** The inbox's retry policy: transient failures wait for the environment, permanent ones go to the dead letters. */
class EventInboxTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StalledConsumers stalls = new StalledConsumers(registry);
    private final AtomicInteger transactions = new AtomicInteger();
    /** Flushes of the session between handlers. */
    private final AtomicInteger flushes = new AtomicInteger();
    /** Event ids the fake processed-event table already holds. */
    private final Set<UUID> seen = ConcurrentHashMap.newKeySet();

    private final List<ProducerRecord<String, String>> deadLettered = new CopyOnWriteArrayList<>();
    private final EventInbox inbox = new EventInbox(
            new ProcessedEvents() {
                @Override
                public Uni<Set<UUID>> firstDeliveries(List<String> consumers, List<UUID> eventIds) {
                    Set<UUID> first = new HashSet<>(eventIds);
                    first.removeAll(seen);
                    return Uni.createFrom().item(first);
                }
            },
            registry,
            stalls,
            new DeadLetters(Map.of(), Optional.of("test-dlq"), "test") {
                @Override
                protected Uni<Void> send(ProducerRecord<String, String> record) {
                    deadLettered.add(record);
                    return Uni.createFrom().voidItem();
                }
            },
            work -> {
                transactions.incrementAndGet();
                return Uni.createFrom().deferred(() -> work.get());
            },
            () -> Uni.createFrom().item(() -> {
                flushes.incrementAndGet();
                return null;
            }));

    @Test
    void aTransientFailureIsRetriedUntilItSucceedsWhileReadinessIsDown() {
        AtomicInteger attempts = new AtomicInteger();
        UniAssertSubscriber<Void> result = inbox.process("test.consumer", record(), event -> {
                    if (attempts.incrementAndGet() <= 6) {
                        return Uni.createFrom().failure(new ConnectException("Connection refused"));
                    }
                    return Uni.createFrom().voidItem();
                })
                .subscribe()
                .withSubscriber(UniAssertSubscriber.create());

        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() >= 2);
        assertThat(stalls.isStalled("test.consumer")).isTrue();
        assertThat(stalls.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(registry.get("ts.events.consumer.stalled").gauge().value()).isEqualTo(1.0);

        result.awaitItem(Duration.ofSeconds(30));
        assertThat(attempts).hasValue(7);
        assertThat(transactions).as("one transaction per attempt").hasValue(7);
        assertThat(stalls.isStalled("test.consumer")).isFalse();
        assertThat(stalls.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(registry.get("ts.events.consumer.stalled").gauge().value()).isZero();
        assertThat(registry.get("ts.events.transient.failures").counter().count())
                .isEqualTo(6.0);
        assertThat(registry.find("ts.events.dead.lettered").counter()).isNull();
        assertThat(counted("processed")).isEqualTo(1.0);
    }

    @Test
    void aDeterministicFailureIsDeadLetteredAfterThreeAttemptsWithItsReason() {
        AtomicInteger attempts = new AtomicInteger();
        UniAssertSubscriber<Void> result = inbox.process("test.consumer", record(), event -> {
                    attempts.incrementAndGet();
                    return Uni.createFrom().failure(new IllegalStateException("no team 'nowhere' in the directory"));
                })
                .subscribe()
                .withSubscriber(UniAssertSubscriber.create());

        result.awaitItem(Duration.ofSeconds(10));
        assertThat(attempts).hasValue(3);
        assertThat(deadLettered).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo("test-dlq");
            assertThat(header(dead, "dead-letter-reason")).isEqualTo("no team 'nowhere' in the directory");
            assertThat(header(dead, "dead-letter-topic")).isEqualTo("ticket-events");
            assertThat(header(dead, "dead-letter-offset")).isEqualTo("42");
            assertThat(header(dead, "ce_type")).isEqualTo("ticket.created");
        });
        assertThat(stalls.isStalled("test.consumer")).isFalse();
        Counter dead = registry.get("ts.events.dead.lettered")
                .tag("consumer", "test.consumer")
                .tag("reason", "IllegalStateException")
                .counter();
        assertThat(dead.count()).isEqualTo(1.0);
        assertThat(counted("failed")).isEqualTo(1.0);
    }

    @Test
    void aRecordThatIsNotAnEventIsDeadLetteredAtOnce() {
        ConsumerRecord<String, String> poison = new ConsumerRecord<>("ticket-events", 0, 7L, "k", "{not json");
        AtomicInteger attempts = new AtomicInteger();
        inbox.process("test.consumer", poison, event -> {
                    attempts.incrementAndGet();
                    return Uni.createFrom().voidItem();
                })
                .subscribe()
                .withSubscriber(UniAssertSubscriber.create())
                .awaitItem(Duration.ofSeconds(5));
        assertThat(attempts).hasValue(0);
        assertThat(deadLettered).singleElement().satisfies(dead -> {
            assertThat(dead.value()).isEqualTo("{not json");
            assertThat(header(dead, "dead-letter-reason")).isNotBlank();
        });
        assertThat(transactions).hasValue(0);
        assertThat(registry.get("ts.events.dead.lettered")
                        .tag("reason", "undecodable")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void aBatchIsOneTransactionAppliedInOrderAndCountedAfterTheCommit() {
        List<ConsumerRecord<String, String>> batch = List.of(record(1), record(2), record(3), record(4));
        List<Long> handled = new CopyOnWriteArrayList<>();
        List<Long> afterCommit = new CopyOnWriteArrayList<>();
        inbox.process("test.consumer", batch, null, (event, after) -> {
                    long offset = offsetOf(batch, event.id());
                    handled.add(offset);
                    after.add(() -> afterCommit.add(offset));
                    return Uni.createFrom().voidItem();
                })
                .subscribe()
                .withSubscriber(UniAssertSubscriber.create())
                .awaitItem(Duration.ofSeconds(5));
        assertThat(transactions).as("one transaction for the batch").hasValue(1);
        assertThat(handled).containsExactly(1L, 2L, 3L, 4L);
        assertThat(afterCommit).containsExactly(1L, 2L, 3L, 4L);
        assertThat(counted("processed")).isEqualTo(4.0);
        assertThat(deadLettered).isEmpty();
    }

    @Test
    void aRedeliveredEventOfABatchIsSkipped() {
        List<ConsumerRecord<String, String>> batch = List.of(record(1), record(2), record(3));
        seen.add(eventId(batch.get(1)));
        List<Long> handled = new CopyOnWriteArrayList<>();
        inbox.process("test.consumer", batch, event -> {
                    handled.add(offsetOf(batch, event.id()));
                    return Uni.createFrom().voidItem();
                })
                .subscribe()
                .withSubscriber(UniAssertSubscriber.create())
                .awaitItem(Duration.ofSeconds(5));
        assertThat(handled).containsExactly(1L, 3L);
        assertThat(counted("processed")).isEqualTo(2.0);
        assertThat(counted("duplicate")).isEqualTo(1.0);
    }

    @Test
    void aRecordThatFailsDeterministicallyInABatchAloneGoesToTheDeadLettersAndTheOthersAreApplied() {
        List<ConsumerRecord<String, String>> batch = List.of(record(1), record(2), record(3), record(4), record(5));
        UUID bad = eventId(batch.get(2));
        AtomicInteger badAttempts = new AtomicInteger();
        List<Long> committed = new CopyOnWriteArrayList<>();
        inbox.process("test.consumer", batch, null, (event, after) -> {
                    if (event.id().equals(bad)) {
                        badAttempts.incrementAndGet();
                        return Uni.createFrom().failure(new IllegalArgumentException("no such team"));
                    }
                    long offset = offsetOf(batch, event.id());
                    after.add(() -> committed.add(offset));
                    return Uni.createFrom().voidItem();
                })
                .subscribe()
                .withSubscriber(UniAssertSubscriber.create())
                .awaitItem(Duration.ofSeconds(10));
        // the rolled-back batch's after-commit actions never ran; each good record was applied once, in order
        assertThat(committed).containsExactly(1L, 2L, 4L, 5L);
        assertThat(badAttempts).as("in the batch, alone, and twice more").hasValue(4);
        assertThat(transactions)
                .as("the batch, then one per record, the bad one three times")
                .hasValue(8);
        assertThat(deadLettered).singleElement().satisfies(dead -> {
            assertThat(header(dead, "dead-letter-offset")).isEqualTo("3");
            assertThat(header(dead, "dead-letter-reason")).isEqualTo("no such team");
        });
        assertThat(counted("processed")).isEqualTo(4.0);
        assertThat(counted("failed")).isEqualTo(1.0);
    }

    @Test
    void aBatchIsAppliedInTicketOrderEachTicketsEventsInTheirOwnOrder() {
        UUID first = new UUID(0, 100);
        UUID second = new UUID(0, 200);
        // two tickets interleaved as a partition delivers them; another channel's batch over the same tickets locks
        // their rows in the same (ascending) order, so the two wait for each other instead of deadlocking
        List<ConsumerRecord<String, String>> batch =
                List.of(record(1, second), record(2, first), record(3, second), record(4, first), record(5, second));
        List<Long> handled = new CopyOnWriteArrayList<>();
        inbox.process("test.consumer", batch, event -> {
                    handled.add(offsetOf(batch, event.id()));
                    return Uni.createFrom().voidItem();
                })
                .subscribe()
                .withSubscriber(UniAssertSubscriber.create())
                .awaitItem(Duration.ofSeconds(5));
        assertThat(handled).containsExactly(2L, 4L, 1L, 3L, 5L);
        assertThat(transactions).as("still one transaction").hasValue(1);
    }

    @Test
    void aBatchHandlerGetsEveryTicketsNewEventsInOneCallEachInItsTraceAndOneFlush() {
        UUID first = new UUID(0, 100);
        UUID second = new UUID(0, 200);
        UUID third = new UUID(0, 300);
        List<ConsumerRecord<String, String>> batch =
                List.of(record(1, second), record(2, first), record(3, second), record(4, first), record(5, third));
        String[] traces = {"0af7651916cd43dd8448eb211c80319c", "4bf92f3577b34da6a3ce929d0e0e4736"};
        batch.get(1).headers().add("traceparent", traceparent(traces[0]));
        batch.get(0).headers().add("traceparent", traceparent(traces[1]));
        seen.add(eventId(batch.get(3))); // redelivered: skipped, not handed over
        List<List<List<Long>>> calls = new CopyOnWriteArrayList<>();
        List<String> traceIds = new CopyOnWriteArrayList<>();
        inbox.processBatch("test.consumer", r -> "test.consumer", batch, null, (tickets, after) -> {
                    calls.add(tickets.stream()
                            .map(ticket -> ticket.events().stream()
                                    .map(event -> offsetOf(batch, event.id()))
                                    .toList())
                            .toList());
                    tickets.forEach(ticket -> traceIds.add(
                            ticket.inTrace(() -> Span.current().getSpanContext().getTraceId())));
                    assertThat(flushes)
                            .as("no flush before the handler is done")
                            .hasValue(0);
                    return Uni.createFrom().voidItem();
                })
                .subscribe()
                .withSubscriber(UniAssertSubscriber.create())
                .awaitItem(Duration.ofSeconds(5));
        assertThat(calls).containsExactly(List.of(List.of(2L), List.of(1L, 3L), List.of(5L)));
        // each ticket's events run in the trace of its first record; the third ticket's record carries none
        assertThat(traceIds).containsExactly(traces[0], traces[1], TraceId.getInvalid());
        assertThat(flushes).as("one flush for the batch").hasValue(1);
        assertThat(transactions).hasValue(1);
        assertThat(counted("processed")).isEqualTo(4.0);
        assertThat(counted("duplicate")).isEqualTo(1.0);
    }

    private static byte[] traceparent(String traceId) {
        return ("00-" + traceId + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anIrrelevantTypeIsAcknowledgedWithoutATransaction() {
        inbox.process("test.consumer", List.of(record(1)), Set.of(EventType.TICKET_TRIAGED), event -> {
                    throw new AssertionError("not for this consumer");
                })
                .subscribe()
                .withSubscriber(UniAssertSubscriber.create())
                .awaitItem(Duration.ofSeconds(5));
        assertThat(transactions).hasValue(0);
        assertThat(counted("ignored")).isEqualTo(1.0);
    }

    private static long offsetOf(List<ConsumerRecord<String, String>> batch, UUID eventId) {
        return batch.stream()
                .filter(r -> eventId(r).equals(eventId))
                .findFirst()
                .orElseThrow()
                .offset();
    }

    private static UUID eventId(ConsumerRecord<String, String> record) {
        return UUID.fromString(new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
    }

    private static String header(ProducerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private double counted(String outcome) {
        return registry.get("ts.events.consumed")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    private static ConsumerRecord<String, String> record() {
        return record(42L);
    }

    private static ConsumerRecord<String, String> record(long offset) {
        // one ticket per record, their ids in offset order (a batch is applied in ticket order)
        return record(offset, new UUID(0, offset));
    }

    private static ConsumerRecord<String, String> record(long offset, UUID ticket) {
        TicketCreated created = new TicketCreated(
                ticket,
                TicketType.SUPPORT,
                Channel.API,
                "Printer on fire",
                null,
                new Customer("c-1", null, CustomerTier.FREE, null),
                List.of(),
                null,
                TicketStatus.NEW,
                Instant.now());
        EventEnvelope<TicketCreated> envelope = EventEnvelope.of("test", created, Instant.now());
        ConsumerRecord<String, String> record =
                new ConsumerRecord<>("ticket-events", 0, offset, ticket.toString(), EventCodec.toJson(created));
        EventCodec.headers(envelope).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
