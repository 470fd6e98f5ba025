package io.ticketsuite.kit.reactive;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Runs asynchronous steps one after the other, each started when the one before it has ended, however many there are.
 *
 * <p>Why not a loop of {@code chain = chain.chain(() -> step(item))}: that builds one operator per item, nested, and
 * subscribing to the last subscribes to all the ones before it recursively, one stack frame pair per item; steps that
 * end at once (nothing to do for that item) add frames the same way. With the services' 512 KiB thread stacks a loop
 * of ~1,000-2,000 items overflows the stack inside Mutiny, and the {@code Uni} then never ends: no item, no failure, a
 * consumer's transaction left open for good (routing-service's first set-based batch stopped that way mid-surge; a
 * small Java program nesting 2,000 such steps on a 512 KiB thread never ended, 500 did). A {@link Multi} concatenation runs the steps from a loop instead, so the depth does
 * not grow with their number.
 */
public final class InOrder {
    private InOrder() {}

    /**
     * Applies {@code step} to each item in turn, in the collection's order; a step is called only once the one before
     * it has ended, and the first failure ends the sequence with it (later steps are not called).
     */
    public static <T> Uni<Void> each(Collection<? extends T> items, Function<? super T, Uni<?>> step) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<T> copy = new ArrayList<>(items);
        return Multi.createFrom()
                .iterable(copy)
                .onItem()
                .transformToUniAndConcatenate(item -> step.apply(item).replaceWith(Boolean.TRUE))
                .onItem()
                .ignoreAsUni();
    }

    /** Runs already made {@code Uni}s one after the other, each subscribed once the one before it has ended. */
    public static Uni<Void> all(Collection<? extends Uni<?>> steps) {
        return each(steps, step -> step);
    }
}
