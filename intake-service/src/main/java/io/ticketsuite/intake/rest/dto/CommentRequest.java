package io.ticketsuite.intake.rest.dto;

import io.ticketsuite.events.Visibility;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of POST /api/v1/tickets/{id}/comments. The author is the caller: id and role come from the bearer token; an
 * {@code author} field in the body is ignored.
 */
@Schema(
        name = "NewComment",
        description = "A comment; its author (id and role) is the caller, taken from the bearer token")
public record CommentRequest(
        @NotBlank @Size(max = 20_000) String body,

        @NotNull @Schema(description = "PUBLIC (seen by the customer) or INTERNAL (staff only)")
        Visibility visibility) {}
