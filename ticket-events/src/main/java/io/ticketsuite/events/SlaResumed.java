package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code sla.resumed} on sla-events: a pause ended (and only that; a reopened ticket's restarted clock is an
 * {@code sla.started} with reason {@code reopened}). The resumed clocks' due instants moved by the paused working
 * time.
 *
 * @param responseDueAt the response clock's due instant if it still runs
 * @param resolutionDueAt the resolution clock's due instant if it still runs
 * @param clocks the clocks that resumed (absent in events written before the field existed)
 * @param pausedSeconds the working time the pause lasted, in seconds
 */
public record SlaResumed(
        @JsonProperty(required = true) UUID ticketId,
        @JsonProperty(required = true) Instant resumedAt,
        Instant responseDueAt,
        Instant resolutionDueAt,
        List<SlaClock> clocks,
        Long pausedSeconds)
        implements EventData {

    public SlaResumed {
        clocks = clocks == null ? null : List.copyOf(clocks);
    }

    public SlaResumed(UUID ticketId, Instant resumedAt, Instant responseDueAt, Instant resolutionDueAt) {
        this(ticketId, resumedAt, responseDueAt, resolutionDueAt, null, null);
    }
}
