package io.ticketsuite.reporting.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.Channel;
import io.ticketsuite.events.Customer;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.kit.messaging.EventInbox;
import io.ticketsuite.testkit.TestInfrastructure;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Reporting's consumer transactions run one at a time ({@code ts.inbox.serial=true}): every event updates the shared
 * per-day aggregate rows, and five channels' batches locking them in different orders deadlocked in a surge. While one
 * channel's transaction is open, another channel's transaction waits for it, on the real database.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class SerialInboxTest {
    @Inject
    EventInbox inbox;

    @Inject
    Vertx vertx;

    @Test
    void shouldRunOneConsumerTransactionAtATime() throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        AtomicBoolean firstInside = new AtomicBoolean();
        AtomicBoolean secondRan = new AtomicBoolean();
        CompletableFuture<Void> first = run("reporting.serial-test-a", record(), () -> {
            firstInside.set(true);
            io.vertx.core.Context context = Vertx.currentContext();
            // held open until the test opens the gate; the transaction goes on on its own context
            return Uni.createFrom().completionStage(gate).emitOn(task -> context.runOnContext(v -> task.run()));
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> firstInside.get() || first.isDone());
        assertThat(first).as("still open").isNotDone();

        CompletableFuture<Void> second = run("reporting.serial-test-b", record(), () -> {
            secondRan.set(true);
            return Uni.createFrom().voidItem();
        });
        // the second transaction is open and waits for the first one's lock
        Thread.sleep(1_500);
        assertThat(secondRan).as("ran while the first transaction was open").isFalse();

        gate.complete(null);
        first.get(20, java.util.concurrent.TimeUnit.SECONDS);
        second.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(secondRan).isTrue();
    }

    /** Processes the record on a Vert.x context of its own, as a channel does. */
    private CompletableFuture<Void> run(
            String consumer, ConsumerRecord<String, String> record, java.util.function.Supplier<Uni<Void>> work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        io.vertx.core.Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> inbox.process(consumer, List.of(record), event -> work.get())
                .subscribe()
                .with(done::complete, done::completeExceptionally));
        return done;
    }

    private static ConsumerRecord<String, String> record() {
        UUID ticket = UUID.randomUUID();
        TicketCreated created = new TicketCreated(
                ticket,
                TicketType.SUPPORT,
                Channel.API,
                "Serial inbox",
                null,
                new Customer("c-serial", null, CustomerTier.FREE, null),
                List.of(),
                null,
                TicketStatus.NEW,
                Instant.now());
        EventEnvelope<TicketCreated> envelope = EventEnvelope.of("test", created, Instant.now());
        ConsumerRecord<String, String> record =
                new ConsumerRecord<>("ticket-events", 0, 0, ticket.toString(), EventCodec.toJson(created));
        EventCodec.headers(envelope).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
