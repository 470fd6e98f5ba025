package io.ticketsuite.notification.rest.dto;

import io.ticketsuite.notification.RecipientRole;
import java.time.Instant;
import java.util.UUID;

/** One inbox message as the API shows it. */
public record NotificationResponse(
        UUID id,
        String recipient,
        RecipientRole recipientRole,
        String kind,
        UUID ticketId,
        String subject,
        String body,
        UUID sourceEventId,
        Instant createdAt) {}
