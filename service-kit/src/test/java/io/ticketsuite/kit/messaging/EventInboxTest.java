package io.ticketsuite.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.ticketsuite.events.Channel;
import io.ticketsuite.events.Customer;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventDecodingException;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.kit.idempotency.ProcessedEvents;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** The inbox's retry policy: transient failures wait for the environment, permanent ones go to the dead letters. */
class EventInboxTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StalledConsumers stalls = new StalledConsumers(registry);
    private final AtomicInteger transactions = new AtomicInteger();
    private final EventInbox inbox = new EventInbox(
            new ProcessedEvents() {
                @Override
                public Uni<Boolean> firstDelivery(String consumer, UUID eventId) {
                    return Uni.createFrom().item(true);
                }
            },
            registry,
            stalls,
            work -> {
                transactions.incrementAndGet();
                return Uni.createFrom().deferred(() -> work.get());
            });

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

        result.awaitFailure(Duration.ofSeconds(10)).assertFailedWith(IllegalStateException.class);
        assertThat(attempts).hasValue(3);
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
                .awaitFailure(Duration.ofSeconds(5))
                .assertFailedWith(EventDecodingException.class);
        assertThat(attempts).hasValue(0);
        assertThat(transactions).hasValue(0);
        assertThat(registry.get("ts.events.dead.lettered")
                        .tag("reason", "undecodable")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    private double counted(String outcome) {
        return registry.get("ts.events.consumed")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    private static ConsumerRecord<String, String> record() {
        UUID ticket = UUID.randomUUID();
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
                new ConsumerRecord<>("ticket-events", 0, 42L, ticket.toString(), EventCodec.toJson(created));
        EventCodec.headers(envelope).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
