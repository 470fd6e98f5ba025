package io.ticketsuite.intake.rest.dto;

import io.ticketsuite.events.AuthorRole;
import io.ticketsuite.events.Visibility;
import java.time.Instant;
import java.util.UUID;

public record CommentResponse(
        UUID id, UUID ticketId, String body, Author author, Visibility visibility, Instant createdAt) {
    public record Author(String id, AuthorRole role) {}
}
