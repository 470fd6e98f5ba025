package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** {@code notification.failed} on notification-events: a message could not be delivered. */
public record NotificationFailed(
        @JsonProperty(required = true) UUID ticketId,
        @JsonProperty(required = true) UUID notificationId,
        @JsonProperty(required = true) String recipient,
        @JsonProperty(required = true) String channel,
        @JsonProperty(required = true) String kind,
        String reason,
        @JsonProperty(required = true) Instant failedAt)
        implements EventData {}
