package io.ticketsuite.notification;

import java.util.Map;

/** A message decided on but not yet rendered: who gets which kind, and the data its templates may use. */
public record PlannedNotification(
        String recipient, RecipientRole recipientRole, NotificationKind kind, Map<String, Object> model) {}
