package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** {@code ticket.comment-added} on ticket-events: a customer or an agent commented. */
public record TicketCommentAdded(
        @JsonProperty(required = true) UUID ticketId,
        @JsonProperty(required = true) UUID commentId,
        @JsonProperty(required = true) String authorId,
        @JsonProperty(required = true) AuthorRole authorRole,
        @JsonProperty(required = true) Visibility visibility,
        String body,
        @JsonProperty(required = true) Instant createdAt)
        implements EventData {}
