package io.ticketsuite.kit.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Splits a ticket's events of a batch ({@link EventInbox#processBatch}) into runs of consecutive events about one
 * ticket, by the events' own ticket ids: a handler that reads and writes a ticket's row once per run stays correct
 * even if a producer keyed a record by something else. Order is kept; nothing is regrouped across runs.
 */
public final class TicketRuns {
    private TicketRuns() {}

    public static <T> List<List<T>> of(List<T> items, Function<? super T, ?> ticketOf) {
        List<List<T>> runs = new ArrayList<>();
        int from = 0;
        while (from < items.size()) {
            Object ticket = ticketOf.apply(items.get(from));
            int to = from + 1;
            while (to < items.size() && Objects.equals(ticket, ticketOf.apply(items.get(to)))) {
                to++;
            }
            runs.add(items.subList(from, to));
            from = to;
        }
        return runs;
    }
}
