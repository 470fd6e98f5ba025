package io.ticketsuite.routing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.routing.Assignment;
import io.ticketsuite.routing.RoutingTicket;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AssignmentRepository implements PanacheRepositoryBase<Assignment, UUID> {

    /**
     * The customer's latest assignment with an agent since {@code since} (continuity), or null; one probe of
     * {@code assignment_customer_idx}.
     */
    public Uni<Assignment> lastHelped(String customerId, Instant since) {
        if (customerId == null) {
            return Uni.createFrom().nullItem();
        }
        return find(
                        "customerId = ?1 and agentId is not null and assignedAt >= ?2",
                        Sort.descending("assignedAt"),
                        customerId,
                        since)
                .page(Page.ofSize(1))
                .firstResult();
    }

    /**
     * The agent's open assignments of tickets nobody works on yet (oldest first), through
     * {@code assignment_open_agent_idx}.
     */
    public Uni<List<Assignment>> openUnstartedOf(String agentId) {
        return list(
                "agentId = ?1 and open = true and ticketId in (select t.ticketId from RoutingTicket t"
                        + " where t.status is null or t.status in ?2)",
                Sort.by("assignedAt").and("ticketId"),
                agentId,
                RoutingTicket.UNSTARTED.stream().toList());
    }
}
