package io.ticketsuite.routing.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.routing.RoutingTicket;
import io.ticketsuite.routing.repository.RoutingTicketRepository;
import io.ticketsuite.testkit.TestInfrastructure;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The ticket's row is locked first and claimed only when missing. Two consumers' first events about a new ticket
 * (ticket.created and ticket.triaged on their own channels) race: both find no row, the first claims and locks it, the
 * second's claim waits for the first transaction, then finds the row and locks it. One row, no error, one after the
 * other; and an existing row is locked the same way.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "routing"))
class RoutingTicketLockTest {
    @Inject
    RoutingTicketRepository tickets;

    @Inject
    Vertx vertx;

    @Test
    void twoFirstEventsOfANewTicketTakeItsRowOneAfterTheOther() throws Exception {
        UUID ticket = UUID.randomUUID();
        CompletableFuture<Void> gate = new CompletableFuture<>();
        AtomicReference<RoutingTicket> firstSaw = new AtomicReference<>();
        CompletableFuture<RoutingTicket> first = inTransaction(
                repository -> repository.lock(ticket).invoke(firstSaw::set).call(row -> held(gate)));
        await().atMost(Duration.ofSeconds(20)).until(() -> firstSaw.get() != null || first.isDone());
        assertThat(firstSaw.get())
                .as("the first transaction claimed and locked the row")
                .isNotNull();

        CompletableFuture<RoutingTicket> second = inTransaction(repository -> repository.lock(ticket));
        Thread.sleep(1_000);
        assertThat(second)
                .as("took the row while the first transaction held it")
                .isNotDone();

        gate.complete(null);
        assertThat(first.get(20, TimeUnit.SECONDS).ticketId).isEqualTo(ticket);
        assertThat(second.get(20, TimeUnit.SECONDS).ticketId).isEqualTo(ticket);

        // the row exists now: locked at once, and still one row
        assertThat(inTransaction(repository -> repository.lock(ticket)).get(20, TimeUnit.SECONDS).ticketId)
                .isEqualTo(ticket);
        assertThat(inTransaction(repository -> repository.count("ticketId", ticket))
                        .get(20, TimeUnit.SECONDS))
                .isEqualTo(1L);
    }

    /** Keeps the transaction open until the gate opens, going on on the transaction's own context. */
    private static Uni<Void> held(CompletableFuture<Void> gate) {
        io.vertx.core.Context context = Vertx.currentContext();
        return Uni.createFrom().completionStage(gate).emitOn(task -> context.runOnContext(v -> task.run()));
    }

    /** Runs the work in a transaction of its own on a Vert.x context of its own, as a consumer's channel does. */
    private <T> CompletableFuture<T> inTransaction(Function<RoutingTicketRepository, Uni<T>> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        io.vertx.core.Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> Panache.withTransaction(() -> work.apply(tickets))
                .subscribe()
                .with(done::complete, done::completeExceptionally));
        return done;
    }
}
