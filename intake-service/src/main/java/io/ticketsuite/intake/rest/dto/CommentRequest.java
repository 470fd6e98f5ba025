package io.ticketsuite.intake.rest.dto;

import io.ticketsuite.events.AuthorRole;
import io.ticketsuite.events.Visibility;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of POST /api/v1/tickets/{id}/comments. */
public record CommentRequest(
        @NotBlank @Size(max = 20_000) String body,
        @NotNull @Valid Author author,
        @NotNull Visibility visibility) {

    public record Author(
            @NotBlank @Size(max = 100) String id, @NotNull AuthorRole role) {}
}
