package io.ticketsuite.routing.escalation;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Escalation records, the "fires once" guard, and the due rows the sweep claims. */
@ApplicationScoped
public class EscalationRepository implements PanacheRepositoryBase<Escalation, UUID> {
    /**
     * Open escalations whose deadline has passed, oldest first, locked: rows another sweeper (or an acknowledgement)
     * holds are skipped, and a row acknowledged or expired meanwhile no longer matches once its lock is granted.
     */
    private static final String CLAIM_DUE = "SELECT * FROM escalation WHERE state = 'OPEN' AND acknowledge_by <= ?1"
            + " ORDER BY acknowledge_by, id LIMIT ?2 FOR UPDATE SKIP LOCKED";

    private static final String FIRE_ONCE = "INSERT INTO escalation_fired (dedupe_key, escalation_id, fired_at)"
            + " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";

    private static final String CLOSE_OF_TICKET = "UPDATE escalation SET state = 'CLOSED', closed_at = ?2"
            + " WHERE ticket_id = ?1 AND state = 'OPEN' AND cluster_id IS NULL";

    /** True the first time the key is seen (the rule may fire), false after. Needs a transaction. */
    public Uni<Boolean> fireOnce(String dedupeKey, UUID escalationId, Instant at) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(FIRE_ONCE)
                        .setParameter(1, dedupeKey)
                        .setParameter(2, escalationId)
                        .setParameter(3, at)
                        .executeUpdate())
                .map(count -> count == 1);
    }

    /** Claims up to {@code limit} escalations due at {@code now} for the current transaction. */
    public Uni<List<Escalation>> claimDue(Instant now, int limit) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM_DUE, Escalation.class)
                        .setParameter(1, now)
                        .setParameter(2, limit)
                        .getResultList());
    }

    /** Closes the ticket's open escalations (not those of a recurring-issue cluster); returns how many. */
    public Uni<Integer> closeOpenOfTicket(UUID ticketId, Instant at) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(CLOSE_OF_TICKET)
                        .setParameter(1, ticketId)
                        .setParameter(2, at)
                        .executeUpdate());
    }

    /** False when intake said the ticket is resolved or closed; true when open or unknown to routing. */
    public Uni<Boolean> ticketOpen(UUID ticketId) {
        return Panache.getSession()
                .chain(session -> session.createQuery(
                                "select ticketOpen from RoutingTicket where ticketId = ?1", Boolean.class)
                        .setParameter(1, ticketId)
                        .getResultList())
                .map(rows -> rows.isEmpty() || rows.get(0) == null || rows.get(0));
    }

    /** A page of escalations, newest first, optionally of one state and/or one ticket. */
    public Uni<List<Escalation>> page(Escalation.State state, UUID ticketId, int offset, int size) {
        Filter filter = filter(state, ticketId);
        return find(filter.query, Sort.descending("createdAt").and("id"), filter.parameters)
                .range(offset, offset + size - 1)
                .list();
    }

    public Uni<Long> total(Escalation.State state, UUID ticketId) {
        Filter filter = filter(state, ticketId);
        return count(filter.query, filter.parameters);
    }

    private record Filter(String query, Parameters parameters) {}

    private static Filter filter(Escalation.State state, UUID ticketId) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (state != null) {
            where.add("state = :state");
            parameters = parameters.and("state", state);
        }
        if (ticketId != null) {
            where.add("ticketId = :ticketId");
            parameters = parameters.and("ticketId", ticketId);
        }
        return new Filter(where.isEmpty() ? "1 = 1" : String.join(" and ", where), parameters);
    }
}
