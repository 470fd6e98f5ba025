package io.ticketsuite.intake.rest.dto;

import io.ticketsuite.events.Channel;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EscalationDetails;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.Resolution;
import io.ticketsuite.events.SupportDetails;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A ticket as the API shows it. */
public record TicketResponse(
        UUID id,

        @Schema(description = "The short human reference, unique and sequential", examples = "TS-1042")
        String ref,

        TicketType type,
        Channel channel,
        TicketStatus status,
        String subject,
        String description,
        Customer customer,
        List<String> tags,
        String externalId,
        String category,
        Priority priority,
        String team,
        String assignee,
        Instant createdAt,
        Instant updatedAt,
        Instant resolvedAt,

        @Schema(description = "SUPPORT details (reproduction, affected, error messages, environment)")
        SupportDetails support,

        @Schema(description = "ESCALATION details (client, kinds, action taken, evidence, impact, next steps)")
        EscalationDetails escalation,

        @Schema(description = "The closed ticket this one follows up")
        UUID followsUp,

        @Schema(description = "Tickets opened as follow-ups of this one (a customer wrote after the reopen window)")
        List<UUID> followUps,

        @Schema(description = "What the classifier decided (ticket.triaged); stays when a person reclassifies")
        Classification classification,

        @Schema(description = "The latest correction by a person (ticket.reclassified), if any")
        Reclassification reclassification,

        @Schema(description = "SUPPORT: the planned date of the scheduled work")
        LocalDate scheduledFor,

        @Schema(description = "SUPPORT: the estimate of the scheduled work, minutes")
        Integer estimateMinutes,

        @Schema(description = "Total time logged against the ticket, minutes")
        int timeLoggedMinutes,

        @Schema(description = "How the ticket was last resolved")
        Resolution resolution,

        Instant closedAt,

        @Schema(description = "Attachments of the emails that made or continued the ticket (metadata only)")
        List<io.ticketsuite.intake.Attachment> attachments) {

    /** Whom the ticket is for (the email is shown to the customer themselves and to staff, no one else). */
    @Schema(name = "TicketCustomer")
    public record Customer(String id, String email, CustomerTier tier, String language, String timeZone) {}

    /** The classifier's decision. */
    public record Classification(String category, Priority priority) {}

    /** A person's correction of the classification. */
    public record Reclassification(String by, Instant at, String reason) {}
}
