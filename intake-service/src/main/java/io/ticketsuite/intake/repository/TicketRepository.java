package io.ticketsuite.intake.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.intake.Ticket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class TicketRepository implements PanacheRepositoryBase<Ticket, UUID> {

    /** The ticket, row-locked for the rest of the transaction (updates of one ticket are serialised). */
    public Uni<Ticket> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The tickets of these ids that exist, locked in the order given (ascending ids: one lock order everywhere). */
    public Uni<List<Ticket>> findAllForUpdate(List<UUID> ids) {
        return find("id in ?1 order by id", ids)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /**
     * Filters of GET /tickets; null means "any". {@code excludedType} leaves one type out (a customer's list never
     * holds an ESCALATION).
     */
    public record Filter(
            io.ticketsuite.events.TicketStatus status,
            String customer,
            io.ticketsuite.events.TicketType type,
            String category,
            io.ticketsuite.events.Priority priority,
            io.ticketsuite.events.TicketType excludedType,
            String q,
            String ref) {}

    public record PageResult(List<Ticket> items, long total) {}

    /**
     * One page, newest first; ties broken by id so the order is stable.
     *
     * @param offset the first row (already bounded by the kit's {@code Paging})
     */
    public Uni<PageResult> search(Filter filter, int offset, int size) {
        if (filter.q() != null && !filter.q().isBlank()) {
            return fullText(filter, offset, size);
        }
        List<String> clauses = new ArrayList<>();
        Parameters params = new Parameters();
        add(clauses, params, "status", filter.status());
        add(clauses, params, "customerId", filter.customer());
        add(clauses, params, "type", filter.type());
        add(clauses, params, "category", filter.category());
        add(clauses, params, "priority", filter.priority());
        add(clauses, params, "ref", filter.ref());
        if (filter.excludedType() != null) {
            clauses.add("type <> :excludedType");
            params.and("excludedType", filter.excludedType());
        }
        String query = String.join(" and ", clauses);
        Sort sort = Sort.descending("createdAt").and("id", Sort.Direction.Descending);
        var find = clauses.isEmpty() ? findAll(sort) : find(query, sort, params);
        return find.range(offset, offset + size - 1)
                .list()
                .chain(items -> (clauses.isEmpty() ? count() : count(query, params))
                        .map(total -> new PageResult(items, total)));
    }

    /**
     * Full-text search over subject and description ({@code search_vector}, GIN-indexed): the words of {@code q}
     * (web-search syntax: quotes, {@code or}, {@code -word}) combined with the other filters, most relevant first
     * (subject matches weigh more than description ones), then newest first.
     */
    private Uni<PageResult> fullText(Filter filter, int offset, int size) {
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        params.add(filter.q());
        clauses.add("t.search_vector @@ websearch_to_tsquery('english', ?1)");
        nativeAdd(clauses, params, "t.status", filter.status());
        nativeAdd(clauses, params, "t.customer_id", filter.customer());
        nativeAdd(clauses, params, "t.type", filter.type());
        nativeAdd(clauses, params, "t.category", filter.category());
        nativeAdd(clauses, params, "t.priority", filter.priority());
        nativeAdd(clauses, params, "t.ref", filter.ref());
        if (filter.excludedType() != null) {
            params.add(filter.excludedType().name());
            clauses.add("t.type <> ?" + params.size());
        }
        String where = " FROM ticket t WHERE " + String.join(" AND ", clauses);
        String select = "SELECT CAST(t.id AS text)" + where
                + " ORDER BY ts_rank_cd(t.search_vector, websearch_to_tsquery('english', ?1)) DESC,"
                + " t.created_at DESC, t.id DESC LIMIT " + size + " OFFSET " + offset;
        String count = "SELECT count(*)" + where;
        return getSession().chain(session -> {
            var ids = session.createNativeQuery(select, String.class);
            var total = session.createNativeQuery(count, Long.class);
            for (int i = 0; i < params.size(); i++) {
                ids.setParameter(i + 1, params.get(i));
                total.setParameter(i + 1, params.get(i));
            }
            return ids.getResultList().chain(found -> {
                List<UUID> order = found.stream().map(UUID::fromString).toList();
                Uni<List<Ticket>> items = order.isEmpty()
                        ? Uni.createFrom().item(List.of())
                        : list("id in ?1", order)
                                .map(tickets -> order.stream()
                                        .map(id -> tickets.stream()
                                                .filter(t -> t.id.equals(id))
                                                .findFirst()
                                                .orElseThrow())
                                        .toList());
                return items.chain(list -> total.getSingleResult().map(n -> new PageResult(list, n)));
            });
        });
    }

    /** The next human reference ({@code TS-n}) from the database sequence, for a ticket written through a session. */
    public Uni<String> nextRef() {
        return getSession()
                .chain(session -> session.createNativeQuery("SELECT 'TS-' || nextval('ticket_ref_seq')", String.class)
                        .getSingleResult());
    }

    /** The ticket with this human reference, or null. */
    public Uni<Ticket> findByRef(String ref) {
        return find("ref", ref).firstResult();
    }

    /** The ids of the tickets that follow up each of {@code ids}. */
    public Uni<Map<UUID, List<UUID>>> followUps(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("followsUp in ?1 order by createdAt, id", ids).map(found -> {
            Map<UUID, List<UUID>> byTicket = new HashMap<>();
            for (Ticket t : found) {
                byTicket.computeIfAbsent(t.followsUp, k -> new ArrayList<>()).add(t.id);
            }
            return byTicket;
        });
    }

    private static void nativeAdd(List<String> clauses, List<Object> params, String column, Object value) {
        if (value != null) {
            params.add(value instanceof Enum<?> e ? e.name() : value);
            clauses.add(column + " = ?" + params.size());
        }
    }

    private static void add(List<String> clauses, Parameters params, String field, Object value) {
        if (value != null) {
            clauses.add(field + " = :" + field);
            params.and(field, value);
        }
    }
}
