package io.ticketsuite.intake.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
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

    /** Filters of GET /tickets; null means "any". */
    public record Filter(
            io.ticketsuite.events.TicketStatus status,
            String customer,
            io.ticketsuite.events.TicketType type,
            String category,
            io.ticketsuite.events.Priority priority) {}

    public record PageResult(List<Ticket> items, long total) {}

    /** One page, newest first; ties broken by id so the order is stable. */
    public Uni<PageResult> search(Filter filter, int page, int size) {
        List<String> clauses = new ArrayList<>();
        Parameters params = new Parameters();
        add(clauses, params, "status", filter.status());
        add(clauses, params, "customerId", filter.customer());
        add(clauses, params, "type", filter.type());
        add(clauses, params, "category", filter.category());
        add(clauses, params, "priority", filter.priority());
        String query = String.join(" and ", clauses);
        Sort sort = Sort.descending("createdAt").and("id", Sort.Direction.Descending);
        var find = clauses.isEmpty() ? findAll(sort) : find(query, sort, params);
        return find.page(Page.of(page, size))
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
