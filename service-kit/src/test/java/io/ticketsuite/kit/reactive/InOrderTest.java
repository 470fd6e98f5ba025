package io.ticketsuite.kit.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InOrderTest {
    /** The services' thread stack (-Xss512k in ./suite). */
    private static final long STACK = 512 * 1024;

    private final ScheduledExecutorService io = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        io.shutdownNow();
    }

    /** Most steps end at once (nothing to do for that item), every third later on another thread, like a statement. */
    private Uni<Void> step(int i, List<Integer> seen, AtomicBoolean running) {
        return Uni.createFrom().deferred(() -> {
            assertThat(running.getAndSet(true))
                    .as("step %d started while another ran", i)
                    .isFalse();
            seen.add(i);
            Uni<Void> done = i % 3 == 0
                    ? Uni.createFrom().emitter(e -> io.schedule(() -> e.complete(null), 0, TimeUnit.MILLISECONDS))
                    : Uni.createFrom().voidItem();
            return done.invoke(() -> running.set(false));
        });
    }

    /** Subscribes on a thread with the services' stack size and waits for the outcome. */
    private static <T> CompletableFuture<T> onSmallStack(Uni<T> uni) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        Thread thread = new Thread(
                null,
                () -> {
                    try {
                        uni.subscribe().with(outcome::complete, outcome::completeExceptionally);
                    } catch (Throwable e) {
                        outcome.completeExceptionally(e);
                    }
                },
                "small-stack",
                STACK);
        thread.start();
        return outcome;
    }

    @Test
    void fiftyThousandStepsRunInOrderOneAtATimeOnASmallStack() throws Exception {
        int n = 50_000;
        List<Integer> seen = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean();
        List<Integer> items = IntStream.range(0, n).boxed().toList();

        onSmallStack(InOrder.each(items, i -> step(i, seen, running))).get(60, TimeUnit.SECONDS);

        assertThat(seen).containsExactlyElementsOf(items);
        assertThat(running).isFalse();
    }

    @Test
    void theFirstFailureEndsTheSequenceAndLaterStepsAreNotCalled() throws Exception {
        List<Integer> seen = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("item 3");

        CompletableFuture<Void> outcome = onSmallStack(InOrder.each(List.of(1, 2, 3, 4, 5), i -> {
            seen.add(i);
            return i == 3 ? Uni.createFrom().failure(boom) : Uni.createFrom().voidItem();
        }));

        assertThat(outcome)
                .failsWithin(Duration.ofSeconds(10))
                .withThrowableThat()
                .havingCause()
                .isSameAs(boom);
        assertThat(seen).containsExactly(1, 2, 3);
    }

    @Test
    void madeUnisAreSubscribedInTheirOrderAndNothingIsFine() throws Exception {
        List<String> seen = new ArrayList<>();
        List<Uni<Void>> steps = List.of(
                Uni.createFrom().voidItem().invoke(() -> seen.add("a")),
                Uni.createFrom().voidItem().invoke(() -> seen.add("b")));

        onSmallStack(InOrder.all(steps)).get(10, TimeUnit.SECONDS);
        onSmallStack(InOrder.all(List.of())).get(10, TimeUnit.SECONDS);

        assertThat(seen).containsExactly("a", "b");
    }
}
