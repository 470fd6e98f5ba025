package io.ticketsuite.intake.rest.dto;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an inbound email became. */
@Schema(name = "EmailIntake", description = "What an inbound email became")
public record EmailIntakeResponse(
        @Schema(
                description = "CREATED (a new ticket), THREADED (a comment on the ticket it replies to), DUPLICATE"
                        + " (this Message-ID was taken in before), AUTO_REPLY (an automatic message: nothing made)")
        String outcome,

        @Schema(description = "The ticket made or continued")
        UUID ticketId,

        @Schema(description = "Its human reference", examples = "TS-1042")
        String ref,

        @Schema(description = "The comment a reply became") UUID commentId,

        @Schema(description = "Why (an auto-reply's header, a duplicate)")
        String reason) {}
