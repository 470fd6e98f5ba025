package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** {@code notification.delivered} on notification-events: one message reached one recipient. */
public record NotificationDelivered(
        @JsonProperty(required = true) UUID ticketId,
        @JsonProperty(required = true) UUID notificationId,
        @JsonProperty(required = true) String recipient,
        String recipientRole,
        @JsonProperty(required = true) String channel,
        @JsonProperty(required = true) String kind,
        UUID sourceEventId,
        @JsonProperty(required = true) Instant deliveredAt)
        implements EventData {}
