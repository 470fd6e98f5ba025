package io.ticketsuite.intake;

import io.ticketsuite.events.AuthorRole;
import io.ticketsuite.events.Visibility;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A comment on a ticket, by the customer or an agent, public or internal. */
@Entity
@Table(name = "ticket_comment")
public class TicketComment {
    @Id
    public UUID id;

    @Column(name = "ticket_id", nullable = false)
    public UUID ticketId;

    @Column(name = "author_id", nullable = false)
    public String authorId;

    @Enumerated(EnumType.STRING)
    @Column(name = "author_role", nullable = false)
    public AuthorRole authorRole;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Visibility visibility;

    @Column(nullable = false)
    public String body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
