package io.ticketsuite.notification.rest.dto;

import io.ticketsuite.notification.RecipientRole;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One inbox message as the API shows it. */
public record NotificationResponse(
        UUID id,
        String recipient,
        RecipientRole recipientRole,
        String kind,

        @Schema(description = "NORMAL, or PAGE for an immediate escalation (kind ticket-escalated-page)")
        String urgency,

        UUID ticketId,
        String subject,
        String body,
        UUID sourceEventId,
        Instant createdAt) {}
