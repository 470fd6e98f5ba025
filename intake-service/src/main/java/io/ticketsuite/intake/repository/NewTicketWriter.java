package io.ticketsuite.intake.repository;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.intake.Ticket;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The hot path of intake: writes a new ticket, its {@code ticket.created} outbox row and (when given) the claim of
 * its Idempotency-Key in <em>one</em> SQL statement (data-modifying CTEs), so the three commit together in a single
 * round trip without an explicit transaction. It uses the reactive PostgreSQL pool directly instead of a Hibernate
 * session; every other change of a ticket goes through {@link TicketRepository}.
 */
@ApplicationScoped
public class NewTicketWriter {
    private static final String TICKET_COLUMNS = "id, type, channel, status, subject, description, customer_id,"
            + " customer_email, customer_tier, customer_language, tags, external_id, created_at, updated_at,"
            + " customer_time_zone, support_details, escalation_details";
    private static final String TICKET_VALUES = "$1::uuid, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text,"
            + " $8::text, $9::text, $10::text, $11::text[], $12::text, $13::timestamptz, $14::timestamptz, $15::text,"
            + " $16::text, $17::text";

    /**
     * How the event's JSON ends before the reference is known ({@code ref} is the last component of
     * {@code TicketCreated}, written as null). The statement draws the next human reference once and puts it in that
     * place, keeping the JSON exactly as Jackson wrote it otherwise, so the ticket, its reference and its event still
     * take one round trip.
     */
    static final String NULL_REF_TAIL = "null}";

    private static final String REF = "'TS-' || nextval('ticket_ref_seq') AS ref";

    private static final String OUTBOX_SELECT = "$18::uuid, $19::text, $20::text, $21::text, $22::text,"
            + " left($23::text, -" + NULL_REF_TAIL.length() + ") || to_json(r.ref)::text || '}'";

    /** Ticket + outbox row; returns the ticket's ref. */
    static final String INSERT = "WITH r AS (SELECT " + REF + "),"
            + " t AS (INSERT INTO ticket (" + TICKET_COLUMNS + ", ref) SELECT " + TICKET_VALUES + ", r.ref FROM r),"
            + " o AS (INSERT INTO outbox (" + OutboxWriter.COLUMNS + ") SELECT " + OUTBOX_SELECT + " FROM r)"
            + " SELECT ref FROM r";

    /**
     * Key claim + ticket + outbox row: the ticket and its event are written only if this statement claimed the key
     * ({@code ON CONFLICT DO NOTHING}: a concurrent request with the same key waits for this one, then claims
     * nothing). Returns the new ticket's ref if it claimed the key, no row otherwise (no reference is drawn then).
     */
    static final String INSERT_CLAIMED = "WITH k AS (INSERT INTO idempotency_key (key, request_hash, ticket_id)"
            + " VALUES ($24::text, $25::text, $1::uuid) ON CONFLICT DO NOTHING RETURNING ticket_id),"
            + " r AS (SELECT " + REF + " FROM k),"
            + " t AS (INSERT INTO ticket (" + TICKET_COLUMNS + ", ref) SELECT " + TICKET_VALUES + ", r.ref FROM r),"
            + " o AS (INSERT INTO outbox (" + OutboxWriter.COLUMNS + ") SELECT " + OUTBOX_SELECT + " FROM r)"
            + " SELECT ref FROM r";

    private static final String FIND_KEY = "SELECT request_hash, ticket_id FROM idempotency_key WHERE key = $1";

    /** The ticket a key was claimed for, and the hash of the request that claimed it. */
    public record Claim(String requestHash, UUID ticketId) {}

    private final Pool pool;

    public NewTicketWriter(Pool pool) {
        this.pool = pool;
    }

    /** Writes the ticket and its outbox row atomically; sets the ticket's {@code ref}. */
    public Uni<Void> insert(Ticket ticket, OutboxWriter.Row event) {
        return pool.preparedQuery(INSERT)
                .execute(values(ticket, event, null, null))
                .map(rows -> {
                    ticket.ref = rows.iterator().next().getString(0);
                    return null;
                });
    }

    /**
     * Claims {@code key} and writes the ticket and its outbox row atomically if the claim succeeds.
     *
     * @return whether this call claimed the key (false: an earlier request holds it, nothing was written); when it
     *     did, the ticket's {@code ref} is set
     */
    public Uni<Boolean> insertClaiming(Ticket ticket, OutboxWriter.Row event, String key, String requestHash) {
        return pool.preparedQuery(INSERT_CLAIMED)
                .execute(values(ticket, event, key, requestHash))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return false;
                    }
                    ticket.ref = it.next().getString(0);
                    return true;
                });
    }

    /** The earlier claim of {@code key}, or null if there is none. */
    public Uni<Claim> findClaim(String key) {
        return pool.preparedQuery(FIND_KEY).execute(Tuple.of(key)).map(NewTicketWriter::firstClaim);
    }

    private static Claim firstClaim(RowSet<Row> rows) {
        var it = rows.iterator();
        if (!it.hasNext()) {
            return null;
        }
        Row row = it.next();
        return new Claim(row.getString(0), row.getUUID(1));
    }

    private static Tuple values(Ticket t, OutboxWriter.Row event, String key, String requestHash) {
        if (!event.payload().endsWith("\"ref\":" + NULL_REF_TAIL)) {
            throw new IllegalStateException("ticket.created must end with \"ref\":null to take its reference");
        }
        List<Object> values = new ArrayList<>(25);
        values.add(t.id);
        values.add(t.type.name());
        values.add(t.channel.name());
        values.add(t.status.name());
        values.add(t.subject);
        values.add(t.description);
        values.add(t.customerId);
        values.add(t.customerEmail);
        values.add(t.customerTier.name());
        values.add(t.customerLanguage);
        values.add(t.tags == null ? new String[0] : t.tags.toArray(String[]::new));
        values.add(t.externalId);
        values.add(utc(t.createdAt));
        values.add(utc(t.updatedAt));
        values.add(t.customerTimeZone);
        values.add(t.supportDetails);
        values.add(t.escalationDetails);
        values.add(event.eventId());
        values.add(event.topic());
        values.add(event.messageKey());
        values.add(event.eventType());
        values.add(event.headers());
        values.add(event.payload());
        if (key != null) {
            values.add(key);
            values.add(requestHash);
        }
        return Tuple.from(values);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
