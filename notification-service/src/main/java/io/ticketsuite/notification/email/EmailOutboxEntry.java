package io.ticketsuite.notification.email;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One e-mail to send: the copy of one in-app notice (same notification id, source event and recipient), addressed,
 * tagged and given its Message-ID when it was queued. Unique per (source event, recipient).
 */
@Entity
@Table(name = "email_outbox")
public class EmailOutboxEntry {
    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";

    @Id
    public UUID id;

    @Column(name = "notification_id", nullable = false, updatable = false)
    public UUID notificationId;

    @Column(name = "source_event_id", nullable = false, updatable = false)
    public UUID sourceEventId;

    /** The inbox key of the notice (the customer's address, or a staff id). */
    @Column(nullable = false, updatable = false)
    public String recipient;

    @Column(name = "recipient_role", nullable = false, updatable = false)
    public String recipientRole;

    @Column(nullable = false, updatable = false)
    public String kind;

    @Column(name = "ticket_id", nullable = false, updatable = false)
    public UUID ticketId;

    @Column(name = "to_address", nullable = false, updatable = false)
    public String toAddress;

    @Column(nullable = false, updatable = false)
    public String subject;

    @Column(nullable = false, updatable = false)
    public String body;

    @Column(name = "message_id", nullable = false, updatable = false)
    public String messageId;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "failed_at")
    public Instant failedAt;
}
