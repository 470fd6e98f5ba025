package io.ticketsuite.sla.rest.dto;

import java.time.Instant;
import java.util.List;

/**
 * What a replay found: how many records it read and applied, the tickets it compared (those with a record in the
 * range whose {@code ticket.created} it read), how many were identical, the tickets it could not rebuild (created
 * before the range), and each difference.
 */
public record ReplayReport(
        String replayId,
        String schema,
        boolean schemaKept,
        Instant from,
        Instant to,
        Instant asOf,
        int recordsRead,
        int eventsApplied,
        int compared,
        int identical,
        int skippedIncomplete,
        List<Difference> differences) {

    /** One field that differs: {@code what} is ticket, clock, threshold, pause or clock history. */
    public record Difference(String ticketId, String what, String key, String field, String live, String replayed) {}
}
