package io.ticketsuite.notification.webhook;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** An admin's subscription: where to POST which event types, signed with its secret; disabled after failures. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {
    public static final String ACTIVE = "ACTIVE";
    public static final String DISABLED = "DISABLED";

    @Id
    public UUID id;

    @Column(nullable = false)
    public String url;

    /** Space-separated CloudEvents types, or {@code *}. */
    @Column(name = "event_types", nullable = false)
    public String eventTypes;

    @Column(nullable = false, updatable = false)
    public String secret;

    public String description;

    @Column(nullable = false)
    public String state;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    public List<String> eventTypeList() {
        return Arrays.asList(eventTypes.split(" "));
    }
}
