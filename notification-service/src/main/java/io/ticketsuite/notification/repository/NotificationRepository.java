package io.ticketsuite.notification.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.notification.Inbox;
import io.ticketsuite.notification.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Reads of the in-app inbox (writes go through the inbox channel, which must insert idempotently). */
@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, UUID> {

    public record PageResult(List<Notification> items, long total) {}

    /**
     * One page of an inbox (its recipient keys, in its recipient roles), newest first; ties broken by id so the
     * order is stable. {@code offset} is the first row (checked by the kit's {@code Paging}: it cannot overflow).
     */
    public Uni<PageResult> page(Inbox inbox, int offset, int size) {
        Sort sort = Sort.descending("createdAt").and("id", Sort.Direction.Descending);
        String query = "recipient in :recipients and recipientRole in :roles";
        return find(query, sort, parameters(inbox))
                .range(offset, offset + size - 1)
                .list()
                .chain(items -> count(query, parameters(inbox)).map(total -> new PageResult(items, total)));
    }

    private static Parameters parameters(Inbox inbox) {
        return Parameters.with("recipients", inbox.recipients()).and("roles", inbox.roles());
    }
}
