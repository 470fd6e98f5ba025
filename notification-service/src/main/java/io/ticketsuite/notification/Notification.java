package io.ticketsuite.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One message in the in-app inbox of a recipient (a customer's e-mail address or a staff id). */
@Entity
@Table(name = "notification")
public class Notification {
    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public String recipient;

    @Enumerated(EnumType.STRING)
    @Column(name = "recipient_role", nullable = false, updatable = false)
    public RecipientRole recipientRole;

    /** The {@link NotificationKind#slug()}. */
    @Column(nullable = false, updatable = false)
    public String kind;

    @Column(name = "ticket_id", nullable = false, updatable = false)
    public UUID ticketId;

    @Column(nullable = false, updatable = false)
    public String subject;

    @Column(nullable = false, updatable = false)
    public String body;

    /** The event that caused it; with the recipient, unique. */
    @Column(name = "source_event_id", nullable = false, updatable = false)
    public UUID sourceEventId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
}
