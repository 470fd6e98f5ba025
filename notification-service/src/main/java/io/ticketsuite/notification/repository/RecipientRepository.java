package io.ticketsuite.notification.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.notification.Recipient;
import io.ticketsuite.notification.StaffMember;
import io.ticketsuite.notification.config.NotificationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The staff directory. It is small (a few rows per team) and changes only with a migration or an operator's SQL, so it
 * is read whole and kept: read again once {@code notification.directory-refresh} (default 30 s) has passed, not for
 * every event (an event used to read it once or twice, and its rows joined the consumer's session, which every later
 * query of the batch then checked for changes).
 */
@ApplicationScoped
public class RecipientRepository implements PanacheRepositoryBase<Recipient, Long> {
    private final long refreshNanos;
    private volatile Snapshot snapshot;

    public RecipientRepository(NotificationConfig config) {
        this.refreshNanos = config.directoryRefresh().toNanos();
    }

    /** Every entry of the directory, in entry order. */
    public Uni<List<StaffMember>> directory() {
        return current().map(Snapshot::staff);
    }

    /** The e-mail address the directory has for a member of staff (their first entry that has one), or null. */
    public Uni<String> emailOf(String staffId) {
        return current().map(s -> s.emails().get(staffId));
    }

    private Uni<Snapshot> current() {
        Snapshot s = snapshot;
        if (s != null && System.nanoTime() - s.readAt() < refreshNanos) {
            return Uni.createFrom().item(s);
        }
        long readAt = System.nanoTime();
        return list("order by entryId").map(rows -> {
            Map<String, String> emails = new HashMap<>();
            for (Recipient r : rows) {
                if (r.email != null && !r.email.isEmpty()) {
                    emails.putIfAbsent(r.staffId, r.email.trim());
                }
            }
            Snapshot read =
                    new Snapshot(rows.stream().map(Recipient::toStaffMember).toList(), Map.copyOf(emails), readAt);
            snapshot = read;
            return read;
        });
    }

    private record Snapshot(List<StaffMember> staff, Map<String, String> emails, long readAt) {}
}
