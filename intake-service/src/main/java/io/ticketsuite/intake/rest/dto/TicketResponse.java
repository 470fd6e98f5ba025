package io.ticketsuite.intake.rest.dto;

import io.ticketsuite.events.Channel;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A ticket as the API shows it. */
public record TicketResponse(
        UUID id,
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
        Instant resolvedAt) {

    /** Whom the ticket is for (the email is shown to the customer themselves and to staff, no one else). */
    @Schema(name = "TicketCustomer")
    public record Customer(String id, String email, CustomerTier tier, String language, String timeZone) {}
}
