package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code sla.paused} on sla-events: clocks stopped counting while waiting for the customer or a third party.
 *
 * @param reason the status that paused them
 * @param clocks the clocks that paused (absent in events written before the field existed)
 */
public record SlaPaused(
        @JsonProperty(required = true) UUID ticketId,
        String reason,
        @JsonProperty(required = true) Instant pausedAt,
        List<SlaClock> clocks)
        implements EventData {

    public SlaPaused {
        clocks = clocks == null ? null : List.copyOf(clocks);
    }

    public SlaPaused(UUID ticketId, String reason, Instant pausedAt) {
        this(ticketId, reason, pausedAt, null);
    }
}
