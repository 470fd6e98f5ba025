package io.ticketsuite.notification.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.notification.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Reads of the in-app inbox (writes go through the inbox channel, which must insert idempotently). */
@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, UUID> {

    public record PageResult(List<Notification> items, long total) {}

    /** One page of a recipient's inbox, newest first; ties broken by id so the order is stable. */
    public Uni<PageResult> page(String recipient, int page, int size) {
        Sort sort = Sort.descending("createdAt").and("id", Sort.Direction.Descending);
        return find("recipient", sort, recipient)
                .page(Page.of(page, size))
                .list()
                .chain(items -> count("recipient", recipient).map(total -> new PageResult(items, total)));
    }
}
