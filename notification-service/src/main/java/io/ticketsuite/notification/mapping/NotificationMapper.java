package io.ticketsuite.notification.mapping;

import io.ticketsuite.notification.Notification;
import io.ticketsuite.notification.NotificationKind;
import io.ticketsuite.notification.rest.dto.NotificationResponse;

/** Entity → API representation. */
public final class NotificationMapper {
    private NotificationMapper() {}

    /** The kind's urgency; NORMAL for a kind this version does not know. */
    static String urgency(String kind) {
        for (NotificationKind k : NotificationKind.values()) {
            if (k.slug().equals(kind)) {
                return k.urgency().name();
            }
        }
        return NotificationKind.Urgency.NORMAL.name();
    }

    public static NotificationResponse toResponse(Notification n) {
        return new NotificationResponse(
                n.id,
                n.recipient,
                n.recipientRole,
                n.kind,
                urgency(n.kind),
                n.ticketId,
                n.subject,
                n.body,
                n.sourceEventId,
                n.createdAt);
    }
}
