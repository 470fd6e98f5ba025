package io.ticketsuite.intake.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.intake.Ticket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TicketRepository implements PanacheRepositoryBase<Ticket, UUID> {

    /** The ticket, row-locked for the rest of the transaction (updates of one ticket are serialised). */
    public Uni<Ticket> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
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
            io.ticketsuite.events.TicketType excludedType) {

        public Filter(
                io.ticketsuite.events.TicketStatus status,
                String customer,
                io.ticketsuite.events.TicketType type,
                String category,
                io.ticketsuite.events.Priority priority) {
            this(status, customer, type, category, priority, null);
        }
    }

    public record PageResult(List<Ticket> items, long total) {}

    /**
     * One page, newest first; ties broken by id so the order is stable.
     *
     * @param offset the first row (already bounded by the kit's {@code Paging})
     */
    public Uni<PageResult> search(Filter filter, int offset, int size) {
        List<String> clauses = new ArrayList<>();
        Parameters params = new Parameters();
        add(clauses, params, "status", filter.status());
        add(clauses, params, "customerId", filter.customer());
        add(clauses, params, "type", filter.type());
        add(clauses, params, "category", filter.category());
        add(clauses, params, "priority", filter.priority());
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

    private static void add(List<String> clauses, Parameters params, String field, Object value) {
        if (value != null) {
            clauses.add(field + " = :" + field);
            params.and(field, value);
        }
    }
}
