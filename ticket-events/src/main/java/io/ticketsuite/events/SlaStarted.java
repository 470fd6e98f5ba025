package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code sla.started} on sla-events: clocks run with these due instants. Published when the clocks first start
 * ({@code reason} {@code created}, or absent in events written before the field existed), when a reopened ticket's
 * resolution clock restarts with a full target ({@code reopened}), and when a new priority re-plans running clocks
 * from their original start ({@code reprioritised}).
 *
 * @param priority the priority the clocks run on now
 * @param startedAt the start of the (re)planned clocks: the creation instant, or the reopen instant for a restart
 * @param responseDueAt the response clock's current due instant (unchanged if it was already met)
 * @param resolutionDueAt the resolution clock's current due instant
 * @param reason {@code created}, {@code reopened} or {@code reprioritised}; absent = {@code created}
 * @param clocks the clocks this event started or re-planned; absent = both
 * @param previousPriority for {@code reprioritised}: the priority the clocks ran on before
 * @param cycle the resolution clock's cycle (1, then + 1 per reopen); absent = 1
 */
public record SlaStarted(
        @JsonProperty(required = true) UUID ticketId,
        @JsonProperty(required = true) Priority priority,
        @JsonProperty(required = true) Instant startedAt,
        @JsonProperty(required = true) Instant responseDueAt,
        @JsonProperty(required = true) Instant resolutionDueAt,
        String reason,
        List<SlaClock> clocks,
        Priority previousPriority,
        Integer cycle)
        implements EventData {

    public static final String CREATED = "created";
    public static final String REOPENED = "reopened";
    public static final String REPRIORITISED = "reprioritised";

    public SlaStarted {
        clocks = clocks == null ? null : List.copyOf(clocks);
    }

    /** The first start of both clocks (the original five-field form). */
    public SlaStarted(
            UUID ticketId, Priority priority, Instant startedAt, Instant responseDueAt, Instant resolutionDueAt) {
        this(ticketId, priority, startedAt, responseDueAt, resolutionDueAt, null, null, null, null);
    }
}
