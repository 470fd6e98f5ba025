package io.ticketsuite.kit.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.kit.config.KitConfig;
import io.ticketsuite.kit.reactive.InOrder;
import io.ticketsuite.kit.tracing.TraceHeaders;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends events to the outbox inside the caller's Hibernate Reactive transaction, so the change and its
 * announcement commit together. The relay publishes them afterwards.
 *
 * <p>In a consumer's transaction (the kit's inbox, which calls {@link #defer} and {@link #write}) appends are
 * kept and written at its end in one multi-row statement, in the order they were appended: a batch's events cost one
 * statement, not one each. Elsewhere (a request's transaction) each append is written at once.
 */
@ApplicationScoped
public class OutboxWriter {
    /** The outbox columns a writer fills, in {@link Row}'s order. */
    public static final String COLUMNS = "event_id, topic, message_key, event_type, headers, payload";

    private static final String INSERT =
            "INSERT INTO outbox (" + OutboxWriter.COLUMNS + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

    /**
     * Separates the rows' values in {@link #INSERT_ALL}'s six text parameters: the ASCII record separator, which JSON
     * text never holds unescaped (control characters are escaped in JSON strings) nor do topics, keys or types. A row
     * holding it, or an empty value, is written on its own instead.
     */
    static final String SEPARATOR = "\u001e";

    /**
     * Several rows in one statement, in their order (ids ascend with it): one statement text whatever the number of
     * rows, so the connection's prepared-statement cache holds it once.
     */
    static final String INSERT_ALL = "INSERT INTO outbox (" + OutboxWriter.COLUMNS + ")"
            + " SELECT e::uuid, t, k, y, h, p FROM unnest(string_to_array(?1, ?7), string_to_array(?2, ?7),"
            + " string_to_array(?3, ?7), string_to_array(?4, ?7), string_to_array(?5, ?7), string_to_array(?6, ?7))"
            + " WITH ORDINALITY AS r (e, t, k, y, h, p, n) ORDER BY n";

    /** The key of the kept rows of a consumer's transaction in its Vert.x context's local data. */
    private static final String DEFERRED = OutboxWriter.class.getName() + ".deferred";

    private final String source;
    private final Clock clock;

    public OutboxWriter(KitConfig config, Clock clock) {
        this.source = config.source();
        this.clock = clock;
    }

    /** Wraps data in a new envelope stamped now, and appends it. Must run inside a transaction. */
    public <T extends EventData> Uni<EventEnvelope<T>> append(T data) {
        EventEnvelope<T> envelope = envelope(data);
        return append(envelope).replaceWith(envelope);
    }

    /** Appends several events in order: in one statement (or, in a consumer's transaction, kept with the others). */
    public Uni<Void> appendAll(List<? extends EventData> events) {
        List<Row> rows = new ArrayList<>(events.size());
        try {
            for (EventData data : events) {
                rows.add(Row.of(envelope(data)));
            }
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return add(rows);
    }

    public Uni<Void> append(EventEnvelope<?> envelope) {
        Row row;
        try {
            row = Row.of(envelope);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return add(List.of(row));
    }

    /** Keeps the rows when this context's transaction defers its appends ({@link #defer}); else writes them now. */
    private static Uni<Void> add(List<Row> rows) {
        Context context = io.vertx.core.Vertx.currentContext();
        List<Row> deferred = context == null ? null : context.getLocal(DEFERRED);
        if (deferred != null) {
            deferred.addAll(rows);
            return Uni.createFrom().voidItem();
        }
        return write(rows);
    }

    /**
     * Keeps the appends made on {@code context} from now on (a consumer's transaction runs on one Vert.x context) in
     * the list returned, until {@link #stopDeferring}; the caller writes them with {@link #write} before its
     * transaction commits.
     */
    public static List<Row> defer(Context context) {
        List<Row> rows = new ArrayList<>();
        context.putLocal(DEFERRED, rows);
        return rows;
    }

    /** Appends on {@code context} are written at once again. */
    public static void stopDeferring(Context context) {
        context.removeLocal(DEFERRED);
    }

    /**
     * Writes rows (kept ones, or several appended together) in the caller's transaction, in their order: in one
     * statement, or one statement each when a value cannot be carried in the separated text ({@link #SEPARATOR}).
     */
    public static Uni<Void> write(List<Row> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (rows.size() == 1 || !rows.stream().allMatch(OutboxWriter::separable)) {
            return InOrder.each(rows, OutboxWriter::insert);
        }
        List<String> values = joined(rows);
        return Panache.getSession()
                .chain(session -> {
                    var query = session.createNativeQuery(INSERT_ALL);
                    for (int i = 0; i < values.size(); i++) {
                        query.setParameter(i + 1, values.get(i));
                    }
                    return query.setParameter(7, SEPARATOR).executeUpdate();
                })
                .replaceWithVoid();
    }

    /** {@link #INSERT_ALL}'s first six parameters: each column's values joined by {@link #SEPARATOR}. */
    static List<String> joined(List<Row> rows) {
        List<StringBuilder> columns = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            columns.add(new StringBuilder());
        }
        for (int r = 0; r < rows.size(); r++) {
            List<String> values = rows.get(r).values();
            for (int i = 0; i < 6; i++) {
                StringBuilder column = columns.get(i);
                if (r > 0) {
                    column.append(SEPARATOR);
                }
                column.append(values.get(i));
            }
        }
        return columns.stream().map(StringBuilder::toString).toList();
    }

    /** Whether each of the row's values is non-empty and free of the separator. */
    static boolean separable(Row row) {
        return row.values().stream().allMatch(v -> v != null && !v.isEmpty() && !v.contains(SEPARATOR));
    }

    private static Uni<Void> insert(Row row) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, row.eventId())
                        .setParameter(2, row.topic())
                        .setParameter(3, row.messageKey())
                        .setParameter(4, row.eventType())
                        .setParameter(5, row.headers())
                        .setParameter(6, row.payload())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Wraps data in a new envelope stamped now (for callers that write the row with their own SQL). */
    public <T extends EventData> EventEnvelope<T> envelope(T data) {
        return EventEnvelope.of(source, data, clock.instant());
    }

    /**
     * One outbox row, in the order of {@link #COLUMNS}: for a hot path that writes its change and the row in one
     * statement of its own instead of going through {@link #append}. Its headers are the event's CloudEvents headers
     * and the W3C trace context current when the row is made ({@link TraceHeaders}: {@code traceparent},
     * {@code ce_traceparent}), which the relay publishes with the record, so that the consumers continue the trace of
     * the request or message that caused the event.
     */
    public record Row(
            java.util.UUID eventId, String topic, String messageKey, String eventType, String headers, String payload) {
        /** The values as text, in the order of {@link #COLUMNS}. */
        List<String> values() {
            return java.util.Arrays.asList(
                    eventId == null ? null : eventId.toString(), topic, messageKey, eventType, headers, payload);
        }

        public static Row of(EventEnvelope<?> envelope) throws JsonProcessingException {
            Map<String, String> headers = new LinkedHashMap<>(EventCodec.headers(envelope));
            headers.putAll(TraceHeaders.current());
            return new Row(
                    envelope.id(),
                    envelope.topic(),
                    envelope.subject(),
                    envelope.type().ceType(),
                    EventCodec.mapper().writeValueAsString(headers),
                    EventCodec.toJson(envelope.data()));
        }
    }
}
