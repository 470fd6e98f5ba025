package io.ticketsuite.triage.service;

import io.smallrye.mutiny.Uni;
import java.lang.ref.WeakReference;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Work that a consumer transaction needs done once, however many events of its batch ask for it (a lock held until
 * the transaction ends, a read of what changed before it): the transaction that last completed it is remembered
 * (weakly), and a call in that same transaction does nothing. A retried or new transaction does the work again.
 */
final class OncePerTransaction {
    private volatile WeakReference<Mutiny.Transaction> done = new WeakReference<>(null);

    Uni<Void> run(Mutiny.Session session, Supplier<Uni<Void>> work) {
        Mutiny.Transaction transaction = session.currentTransaction();
        if (transaction != null && done.get() == transaction) {
            return Uni.createFrom().voidItem();
        }
        return work.get().invoke(() -> {
            if (transaction != null) {
                done = new WeakReference<>(transaction);
            }
        });
    }
}
