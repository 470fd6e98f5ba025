package io.ticketsuite.notification.mapping;

import io.ticketsuite.notification.Notification;
import io.ticketsuite.notification.rest.dto.NotificationResponse;

/** Entity → API representation. */
public final class NotificationMapper {
    private NotificationMapper() {}

    public static NotificationResponse toResponse(Notification n) {
        return new NotificationResponse(
                n.id,
                n.recipient,
                n.recipientRole,
                n.kind,
                n.ticketId,
                n.subject,
                n.body,
                n.sourceEventId,
                n.createdAt);
    }
}
