package io.ticketsuite.routing.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.kit.messaging.EventInbox;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.routing.Assignment;
import io.ticketsuite.routing.RoutingTicket;
import io.ticketsuite.routing.Team;
import io.ticketsuite.routing.repository.AgentRepository;
import io.ticketsuite.routing.repository.AssignmentRepository;
import io.ticketsuite.routing.repository.RoutingTicketRepository;
import io.ticketsuite.routing.repository.TeamRepository;
import io.ticketsuite.routing.rules.RouteFacts;
import io.ticketsuite.routing.rules.RouteMatch;
import io.ticketsuite.routing.rules.RoutingRules;
import io.ticketsuite.routing.selection.AgentCandidate;
import io.ticketsuite.routing.selection.Selection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Routes tickets: collects per ticket what {@code ticket.created} (customer tier and language) and
 * {@code ticket.triaged} (category, priority) say, in whichever order they come, and once both are known
 * chooses the team (first matching rule) and the agent (under the team's cursor lock), stores the assignment
 * and writes {@code ticket.assigned} to the outbox, all in the consumer's transaction. The ticket's row is
 * locked while an event of it is applied, so a ticket is routed exactly once.
 */
@ApplicationScoped
public class RoutingService {
    private static final Logger LOG = Logger.getLogger(RoutingService.class);

    private final RoutingTicketRepository tickets;
    private final TeamRepository teams;
    private final AgentRepository agents;
    private final AssignmentRepository assignments;
    private final RoutingRules rules;
    private final AgentChooser chooser;
    private final ReassignmentService reassignments;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final MeterRegistry registry;

    public RoutingService(
            RoutingTicketRepository tickets,
            TeamRepository teams,
            AgentRepository agents,
            AssignmentRepository assignments,
            RoutingRules rules,
            AgentChooser chooser,
            ReassignmentService reassignments,
            OutboxWriter outbox,
            Clock clock,
            MeterRegistry registry) {
        this.tickets = tickets;
        this.teams = teams;
        this.agents = agents;
        this.assignments = assignments;
        this.rules = rules;
        this.chooser = chooser;
        this.reassignments = reassignments;
        this.outbox = outbox;
        this.clock = clock;
        this.registry = registry;
    }

    /** Records the customer facts of a new ticket; routes it if it was already triaged. */
    public Uni<Void> onCreated(TicketCreated created) {
        return tickets.lock(created.ticketId()).chain(ticket -> {
            if (ticket.status == null) {
                ticket.status = created.status();
            }
            if (ticket.assigned) {
                return Uni.createFrom().voidItem();
            }
            ticket.customerId = created.customer().id();
            ticket.tier = created.customer().tier();
            ticket.language = AgentCandidate.language(created.customer().language());
            ticket.createdSeen = true;
            return routeIfReady(ticket);
        });
    }

    /** Records the classification; routes the ticket if its creation was already seen. */
    public Uni<Void> onTriaged(TicketTriaged triaged) {
        return tickets.lock(triaged.ticketId()).chain(ticket -> {
            if (ticket.assigned) {
                return Uni.createFrom().voidItem();
            }
            ticket.category = triaged.category();
            ticket.priority = triaged.priority();
            ticket.triagedAt = triaged.triagedAt();
            ticket.triagedSeen = true;
            return routeIfReady(ticket);
        });
    }

    /**
     * A reclassification before the ticket is routed replaces the classification. After routing, a ticket nobody
     * works on yet is routed again by the rules with the new facts ({@code ticket.reassigned} when its team
     * changes); a ticket being worked stays, and its assignment's reason says so.
     */
    public Uni<Void> onReclassified(TicketReclassified reclassified) {
        return tickets.lock(reclassified.ticketId()).chain(ticket -> {
            if (ticket.assigned) {
                return reassignments.onReclassified(ticket, reclassified);
            }
            ticket.category = reclassified.category();
            ticket.priority = reclassified.priority();
            if (!ticket.triagedSeen) {
                ticket.triagedAt = reclassified.reclassifiedAt();
                ticket.triagedSeen = true;
            }
            return routeIfReady(ticket);
        });
    }

    /**
     * Keeps the ticket's status (re-routing only moves tickets nobody works on yet). Resolved or closed tickets
     * stop counting as their agent's load; reopened ones count again (the agent's counter follows).
     *
     * <p>An assignment's {@code open} is the ticket's {@code ticket_open} of the moment: it is copied from the ticket
     * when the assignment is made, and both change together here, under the ticket's row lock. So a change that
     * leaves the ticket open (or closed), or a ticket not routed yet, has no assignment to move, and its assignment is
     * not read: most status changes (NEW → TRIAGED → ASSIGNED → IN_PROGRESS) cost the ticket's row alone.
     */
    public Uni<Void> onStatusChanged(TicketStatusChanged changed) {
        boolean open = changed.to().isOpen();
        return tickets.lock(changed.ticketId()).chain(ticket -> {
            boolean wasOpen = ticket.ticketOpen;
            ticket.ticketOpen = open;
            ticket.status = changed.to();
            if (!ticket.assigned || wasOpen == open) {
                return Uni.createFrom().voidItem();
            }
            return assignments.findById(changed.ticketId()).chain(assignment -> {
                if (assignment == null || assignment.open == open) {
                    return Uni.createFrom().voidItem();
                }
                assignment.open = open;
                assignment.closedAt = open ? null : micros(changed.changedAt());
                return agents.adjustLoad(assignment.agentId, open ? 1 : -1);
            });
        });
    }

    @WithSession
    public Uni<Assignment> get(UUID ticketId) {
        return assignments
                .findById(ticketId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("assignment of ticket", ticketId));
    }

    private Uni<Void> routeIfReady(RoutingTicket ticket) {
        if (!ticket.readyToRoute()) {
            String waitingFor = ticket.createdSeen ? "ticket.triaged" : "ticket.created";
            EventInbox.afterCommit(() -> Counter.builder("ts.routing.tickets.parked")
                    .description("events applied to a ticket that cannot be routed yet, by the fact still missing")
                    .tag("waiting_for", waitingFor)
                    .register(registry)
                    .increment());
            return Uni.createFrom().voidItem();
        }
        RouteFacts facts = new RouteFacts(ticket.category, ticket.tier, ticket.priority, ticket.language);
        RouteMatch match = rules.route(facts);
        AgentChooser.Ask ask = new AgentChooser.Ask(
                match.rule().strategy(),
                rules.requiredSkills(facts, match.rule()),
                ticket.language,
                ticket.customerId,
                true,
                Map.of());
        return teams.findById(match.teamId())
                .onItem()
                .ifNull()
                .failWith(() -> new IllegalStateException(
                        "rule " + match.rule().id() + " routes to unknown team " + match.teamId()))
                .chain(team ->
                        chooser.choose(team, ask).chain(selection -> assign(ticket, facts, match, team, selection)));
    }

    private Uni<Void> assign(RoutingTicket ticket, RouteFacts facts, RouteMatch match, Team team, Selection selection) {
        Instant now = micros(clock.instant());

        Assignment assignment = new Assignment();
        assignment.ticketId = ticket.ticketId;
        assignment.teamId = team.id;
        assignment.teamName = team.name;
        assignment.teamLeadId = team.leadId;
        assignment.agentId = selection.agent().map(AgentCandidate::id).orElse(null);
        assignment.agentName = selection.agent().map(AgentCandidate::name).orElse(null);
        assignment.rule = match.rule().id();
        assignment.reason = match.reason() + "; " + selection.explanation();
        assignment.category = facts.category();
        assignment.priority = facts.priority();
        assignment.customerTier = facts.tier();
        assignment.language = facts.language();
        assignment.open = ticket.ticketOpen;
        assignment.closedAt = ticket.ticketOpen ? null : now;
        assignment.triagedAt = ticket.triagedAt == null ? null : micros(ticket.triagedAt);
        assignment.assignedAt = now;
        assignment.customerId = ticket.customerId;
        assignment.tier = team.tier;
        ticket.assigned = true;

        TicketAssigned event = new TicketAssigned(
                assignment.ticketId,
                assignment.teamId,
                assignment.teamName,
                assignment.agentId,
                assignment.agentName,
                assignment.teamLeadId,
                assignment.rule,
                assignment.reason,
                now);
        return assignments
                .persist(assignment)
                .chain(() -> agents.adjustLoad(assignment.open ? assignment.agentId : null, 1))
                .chain(() -> outbox.append(event))
                .invoke(() -> measure(assignment, selection))
                .replaceWithVoid();
    }

    /** Counts an assignment once its transaction committed. */
    private void measure(Assignment assignment, Selection selection) {
        EventInbox.afterCommit(() -> count(assignment, selection));
    }

    private void count(Assignment assignment, Selection selection) {
        Counter.builder("ts.routing.assignments")
                .description("tickets assigned, by team and by the rule that fired")
                .tag("team", assignment.teamId)
                .tag("rule", assignment.rule)
                .register(registry)
                .increment();
        if (selection.agent().isPresent() && !selection.agent().get().hasSpareCapacity()) {
            Counter.builder("ts.routing.capacity.overflow")
                    .description("assignments to an agent already at capacity (every agent of the team was)")
                    .tag("team", assignment.teamId)
                    .register(registry)
                    .increment();
        }
        if (assignment.triagedAt != null) {
            Duration latency = Duration.between(assignment.triagedAt, assignment.assignedAt);
            Timer.builder("ts.routing.assignment.latency")
                    .description("time from the triage decision (triaged_at) to the assignment")
                    .tag("team", assignment.teamId)
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(latency.isNegative() ? Duration.ZERO : latency);
        }
        LOG.debugf(
                "ticket %s → %s / %s: %s",
                assignment.ticketId, assignment.teamId, assignment.agentId, assignment.reason);
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
