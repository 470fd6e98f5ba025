package io.ticketsuite.notification.webhook;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.notification.rest.dto.PageResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Admins' webhook subscriptions: create (the secret is generated here), read, delete, re-enable; the log. */
@ApplicationScoped
public class WebhookSubscriptionService {
    private final Clock clock;

    public WebhookSubscriptionService(Clock clock) {
        this.clock = clock;
    }

    @WithTransaction
    public Uni<WebhookSubscription> create(String url, List<String> eventTypes, String description, String by) {
        WebhookSubscription s = new WebhookSubscription();
        s.id = UUID.randomUUID();
        s.url = url;
        s.eventTypes = String.join(" ", eventTypes);
        s.secret = WebhookSignature.newSecret();
        s.description = description;
        s.state = WebhookSubscription.ACTIVE;
        s.consecutiveFailures = 0;
        s.createdBy = by;
        s.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return s.persist().replaceWith(s);
    }

    @WithSession
    public Uni<PageResponse<WebhookSubscription>> list(int page, int size) {
        return WebhookSubscription.<WebhookSubscription>findAll(
                        Sort.by("createdAt").and("id"))
                .page(page, size)
                .list()
                .chain(items -> WebhookSubscription.count().map(total -> new PageResponse<>(items, page, size, total)));
    }

    @WithSession
    public Uni<WebhookSubscription> get(UUID id) {
        return WebhookSubscription.<WebhookSubscription>findById(id).invoke(s -> {
            if (s == null) {
                throw ProblemException.notFound("webhook", id);
            }
        });
    }

    /** Deletes the subscription and its deliveries (queued ones are not sent). */
    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return WebhookSubscription.deleteById(id)
                .invoke(deleted -> {
                    if (!deleted) {
                        throw ProblemException.notFound("webhook", id);
                    }
                })
                .replaceWithVoid();
    }

    /** Active again, failures forgotten: its queued deliveries are sent again. */
    @WithTransaction
    public Uni<WebhookSubscription> enable(UUID id) {
        return WebhookSubscription.<WebhookSubscription>findById(id).invoke(s -> {
            if (s == null) {
                throw ProblemException.notFound("webhook", id);
            }
            s.state = WebhookSubscription.ACTIVE;
            s.consecutiveFailures = 0;
            s.disabledAt = null;
            s.disabledReason = null;
        });
    }

    /** A subscription's deliveries, newest first; an unknown subscription is a 404. */
    @WithSession
    public Uni<PageResponse<WebhookDelivery>> deliveries(UUID id, String status, int page, int size) {
        String query = status == null ? "subscriptionId = ?1" : "subscriptionId = ?1 and status = ?2";
        Object[] params = status == null ? new Object[] {id} : new Object[] {id, status};
        return WebhookSubscription.<WebhookSubscription>findById(id)
                .invoke(s -> {
                    if (s == null) {
                        throw ProblemException.notFound("webhook", id);
                    }
                })
                .chain(s -> WebhookDelivery.<WebhookDelivery>find(query, Sort.descending("seq"), params)
                        .page(page, size)
                        .list())
                .chain(items -> WebhookDelivery.count(query, params)
                        .map(total -> new PageResponse<>(items, page, size, total)));
    }
}
