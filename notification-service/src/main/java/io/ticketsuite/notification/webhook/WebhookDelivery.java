package io.ticketsuite.notification.webhook;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One event queued for one subscription (or for the chat): read here for the delivery log; queued by {@link
 * WebhookQueue} and sent by {@link WebhookSender} with SQL of their own.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {
    @Id
    public Long seq;

    @Column(nullable = false)
    public UUID id;

    @Column(name = "subscription_id")
    public UUID subscriptionId;

    @Column(nullable = false)
    public String target;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "ticket_id")
    public UUID ticketId;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
