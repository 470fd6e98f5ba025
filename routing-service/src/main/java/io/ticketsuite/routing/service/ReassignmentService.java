package io.ticketsuite.routing.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.TicketReassigned;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.problem.ProblemTypes;
import io.ticketsuite.kit.reactive.InOrder;
import io.ticketsuite.routing.Agent;
import io.ticketsuite.routing.AgentStatus;
import io.ticketsuite.routing.Assignment;
import io.ticketsuite.routing.RoutingTicket;
import io.ticketsuite.routing.Team;
import io.ticketsuite.routing.repository.AgentRepository;
import io.ticketsuite.routing.repository.AssignmentRepository;
import io.ticketsuite.routing.repository.RoutingCursorRepository;
import io.ticketsuite.routing.repository.RoutingTicketRepository;
import io.ticketsuite.routing.repository.TeamRepository;
import io.ticketsuite.routing.rules.RouteFacts;
import io.ticketsuite.routing.rules.RouteMatch;
import io.ticketsuite.routing.rules.RoutingRules;
import io.ticketsuite.routing.selection.Selection;
import io.ticketsuite.routing.selection.Strategy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Moves assigned tickets: a lead's reassignment, a tier escalation (T1 → T2 → T3), re-routing after a
 * reclassification, and handing back an agent's unstarted tickets when they go offline. Each move updates the
 * assignment and the agents' load counters and writes {@code ticket.reassigned} to the outbox in one transaction.
 */
@ApplicationScoped
public class ReassignmentService {
    /** Who moved a ticket when no person did. */
    public static final String SERVICE = "routing-service";

    private static final Logger LOG = Logger.getLogger(ReassignmentService.class);
    private static final List<String> TIERS = List.of("T1", "T2", "T3");

    private final RoutingTicketRepository tickets;
    private final AssignmentRepository assignments;
    private final TeamRepository teams;
    private final AgentRepository agents;
    private final RoutingCursorRepository cursors;
    private final AgentChooser chooser;
    private final RoutingRules rules;
    private final OutboxWriter outbox;
    private final MeterRegistry registry;

    public ReassignmentService(
            RoutingTicketRepository tickets,
            AssignmentRepository assignments,
            TeamRepository teams,
            AgentRepository agents,
            RoutingCursorRepository cursors,
            AgentChooser chooser,
            RoutingRules rules,
            OutboxWriter outbox,
            MeterRegistry registry) {
        this.tickets = tickets;
        this.assignments = assignments;
        this.teams = teams;
        this.agents = agents;
        this.cursors = cursors;
        this.chooser = chooser;
        this.rules = rules;
        this.outbox = outbox;
        this.registry = registry;
    }

    /** The outcome of setting an agent's status: the agent and the tickets handed to colleagues. */
    public record StatusChange(Agent agent, List<UUID> rebalanced) {}

    /**
     * A lead or admin moves a ticket to an agent (their team follows) or to a team (an agent of it is chosen, the
     * current one excluded when it is the same team).
     */
    @WithTransaction
    public Uni<Assignment> reassign(UUID ticketId, String agentId, String teamId, String reason, String by) {
        return lockedOpenAssignment(ticketId).chain(a -> {
            if (agentId != null) {
                return toAgent(a, agentId, teamId, reason, by);
            }
            return teams.findById(teamId)
                    .onItem()
                    .ifNull()
                    .failWith(() -> fieldError("team_id", "no team " + teamId))
                    .chain(team -> facts(ticketId).chain(facts -> {
                        Map<String, String> excluded = a.agentId != null && team.id.equals(a.teamId)
                                ? Map.of(a.agentId, "current assignee")
                                : Map.of();
                        AgentChooser.Ask ask = leastLoaded(facts, a, excluded);
                        return chooser.choose(team, ask)
                                .chain(selection -> move(
                                        a,
                                        team,
                                        selection,
                                        "reassignment",
                                        "reassigned to team " + team.id + " by " + by + ": " + reason + "; "
                                                + selection.explanation(),
                                        by,
                                        "lead"));
                    }));
        });
    }

    private Uni<Assignment> toAgent(Assignment a, String agentId, String teamId, String reason, String by) {
        return agents.findById(agentId)
                .onItem()
                .ifNull()
                .failWith(() -> fieldError("agent_id", "no agent " + agentId))
                .chain(agent -> {
                    if (!agent.active) {
                        return Uni.createFrom().failure(fieldError("agent_id", agentId + " is not active"));
                    }
                    if (teamId != null && !teamId.equals(agent.teamId)) {
                        return Uni.createFrom()
                                .failure(fieldError(
                                        "team_id", agentId + " is in team " + agent.teamId + ", not " + teamId));
                    }
                    if (agentId.equals(a.agentId)) {
                        return Uni.createFrom()
                                .failure(conflict("ticket " + a.ticketId + " is already assigned to " + agentId));
                    }
                    if (agent.status == AgentStatus.OFFLINE) {
                        return Uni.createFrom().failure(conflict(agentId + " is offline"));
                    }
                    String note = agent.status == AgentStatus.AWAY ? " (agent is away)" : "";
                    return teams.findById(agent.teamId)
                            .chain(team -> move(
                                    a,
                                    team,
                                    new Selection(Optional.of(AgentChooser.candidate(agent)), "agent chosen by " + by),
                                    "reassignment",
                                    "reassigned to " + agentId + " by " + by + ": " + reason + note,
                                    by,
                                    "lead"));
                });
    }

    /** Moves the ticket from its tiered team to the next tier's team and an agent there. */
    @WithTransaction
    public Uni<Assignment> escalateTier(UUID ticketId, String reason, String by) {
        return lockedOpenAssignment(ticketId)
                .chain(a -> teams.findById(a.teamId).chain(current -> {
                    int index = current == null || current.tier == null ? -1 : TIERS.indexOf(current.tier);
                    if (index < 0) {
                        return Uni.createFrom()
                                .failure(conflict(
                                        "team " + a.teamId + " is not a tiered team (T1/T2/T3); reassign instead"));
                    }
                    if (index == TIERS.size() - 1) {
                        return Uni.createFrom().failure(conflict("ticket " + ticketId + " is already at Tier 3"));
                    }
                    String nextTier = TIERS.get(index + 1);
                    return teams.byTier(nextTier)
                            .onItem()
                            .ifNull()
                            .failWith(() -> conflict("no team serves tier " + nextTier))
                            .chain(next -> facts(ticketId).chain(facts -> {
                                AgentChooser.Ask ask = leastLoaded(facts, a, Map.of());
                                return chooser.choose(next, ask)
                                        .chain(selection -> move(
                                                a,
                                                next,
                                                selection,
                                                "tier-escalation",
                                                "tier escalation " + current.tier + " → " + nextTier + " (" + current.id
                                                        + " → " + next.id + ") by " + by + ": " + reason + "; "
                                                        + selection.explanation(),
                                                by,
                                                "tier-escalation"));
                            }));
                }));
    }

    /**
     * A ticket already routed was reclassified (its row is locked by the caller): nobody works on it yet → routed
     * again by the rules with the new facts, announced when its team changes; being worked → it stays, and the
     * assignment's reason says so.
     */
    public Uni<Void> onReclassified(RoutingTicket ticket, TicketReclassified event) {
        ticket.category = event.category();
        ticket.priority = event.priority();
        return assignments.findById(ticket.ticketId).chain(a -> {
            if (a == null || !a.open) {
                return Uni.createFrom().voidItem();
            }
            String why = "reclassified " + a.category + "/" + a.priority + " → "
                    + new RouteFacts(event.category(), null, null, null).category() + "/" + event.priority()
                    + (event.reclassifiedBy() == null ? "" : " by " + event.reclassifiedBy())
                    + (event.reason() == null || event.reason().isBlank() ? "" : " (" + event.reason() + ")");
            RouteFacts facts = new RouteFacts(event.category(), ticket.tier, event.priority(), ticket.language);
            a.category = facts.category();
            a.priority = facts.priority();
            if (!ticket.unstarted()) {
                a.reason = a.reason + "; " + why + ": kept with " + (a.agentId == null ? a.teamId : a.agentId)
                        + " because the ticket is " + ticket.status + " (being worked)";
                return Uni.createFrom().voidItem();
            }
            RouteMatch match = rules.route(facts);
            if (match.teamId().equals(a.teamId)) {
                a.reason = a.reason + "; " + why + ": " + match.reason() + ", the same team; assignment kept";
                return Uni.createFrom().voidItem();
            }
            return teams.findById(match.teamId()).chain(team -> {
                AgentChooser.Ask ask = new AgentChooser.Ask(
                        match.rule().strategy(),
                        rules.requiredSkills(facts, match.rule()),
                        facts.language(),
                        ticket.customerId,
                        false,
                        Map.of());
                return chooser.choose(team, ask)
                        .chain(selection -> move(
                                a,
                                team,
                                selection,
                                match.rule().id(),
                                why + ", not yet being worked: " + match.reason() + "; " + selection.explanation(),
                                SERVICE,
                                "reclassification"))
                        .replaceWithVoid();
            });
        });
    }

    /**
     * Sets an agent's availability (and capacity). Going offline hands their tickets nobody works on yet to the
     * other available agents of their team (least loaded), each announced as {@code ticket.reassigned}.
     *
     * <p>Locks are taken in the consumers' order — tickets, then the team's cursor, then agent rows (the status
     * update, the load counters) — so a rebalance and a concurrent routing cannot deadlock.
     */
    @WithTransaction
    public Uni<StatusChange> setStatus(String agentId, AgentStatus status, Integer capacity, String by) {
        return agents.findById(agentId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("agent", agentId))
                .chain(agent -> {
                    if (status != AgentStatus.OFFLINE) {
                        apply(agent, status, capacity, by);
                        return Uni.createFrom().item(new StatusChange(agent, List.of()));
                    }
                    return rebalance(agent, capacity, by);
                });
    }

    private void apply(Agent agent, AgentStatus status, Integer capacity, String by) {
        agent.status = status;
        if (capacity != null) {
            agent.capacity = capacity;
        }
        agent.statusChangedAt = chooser.now();
        agent.statusChangedBy = by;
    }

    private Uni<StatusChange> rebalance(Agent agent, Integer capacity, String by) {
        return assignments.openUnstartedOf(agent.id).chain(open -> {
            List<UUID> ids = open.stream().map(a -> a.ticketId).sorted().toList();
            Uni<Void> locks = InOrder.each(ids, id -> tickets.findById(id, LockModeType.PESSIMISTIC_WRITE))
                    .chain(() -> cursors.lock(agent.teamId).replaceWithVoid())
                    .invoke(() -> apply(agent, AgentStatus.OFFLINE, capacity, by));
            List<UUID> moved = new ArrayList<>();
            Uni<Void> chain = locks.chain(() -> InOrder.each(
                    open,
                    a -> refresh(a).chain(() -> tickets.findById(a.ticketId)).chain(ticket -> {
                        if (!a.open || !agent.id.equals(a.agentId) || (ticket != null && !ticket.unstarted())) {
                            return Uni.createFrom().voidItem();
                        }
                        RouteFacts facts = ticket == null
                                ? new RouteFacts(a.category, a.customerTier, a.priority, a.language)
                                : new RouteFacts(ticket.category, ticket.tier, ticket.priority, ticket.language);
                        AgentChooser.Ask ask = leastLoaded(facts, a, Map.of(agent.id, "going offline"));
                        return teams.findById(a.teamId)
                                .chain(team -> chooser.choose(team, ask)
                                        .chain(selection -> move(
                                                a,
                                                team,
                                                selection,
                                                a.rule,
                                                agent.id + " went offline (set by " + by + "); "
                                                        + selection.explanation(),
                                                SERVICE,
                                                "agent-offline")))
                                .invoke(() -> moved.add(a.ticketId))
                                // the next choice must see this one's load: the counters changed in the database
                                .chain(() -> refreshTeam(a.teamId))
                                .replaceWithVoid();
                    })));
            return chain.map(v -> new StatusChange(agent, moved));
        });
    }

    private Uni<Void> refreshTeam(String teamId) {
        return agents.activeInTeam(teamId).chain(members -> InOrder.each(members, ReassignmentService::refresh));
    }

    /** Re-reads an entity after flushing this transaction's changes (counters move by SQL, not by entity). */
    private static Uni<Void> refresh(Object entity) {
        return Panache.getSession().chain(session -> session.flush().chain(() -> session.refresh(entity)));
    }

    /** Moves the assignment, keeps both agents' counters, and writes {@code ticket.reassigned}. */
    private Uni<Assignment> move(
            Assignment a, Team team, Selection selection, String rule, String reason, String by, String cause) {
        String fromAgent = a.agentId;
        String fromTeam = a.teamId;
        String toAgent = selection.agentId().orElse(null);
        a.teamId = team.id;
        a.teamName = team.name;
        a.teamLeadId = team.leadId;
        a.agentId = toAgent;
        a.agentName = selection.agent().map(c -> c.name()).orElse(null);
        a.rule = rule;
        a.reason = reason;
        a.tier = team.tier;
        a.reassignedAt = chooser.now();
        a.reassignments++;
        TicketReassigned event = new TicketReassigned(
                a.ticketId, fromAgent, toAgent, team.id, reason, a.reassignedAt, fromTeam, team.tier, by);
        int load = a.open ? 1 : 0;
        // counters in agent id order, so two moves between the same agents cannot deadlock
        boolean fromFirst = fromAgent != null && (toAgent == null || fromAgent.compareTo(toAgent) < 0);
        Uni<Void> first = fromFirst ? agents.adjustLoad(fromAgent, -load) : agents.adjustLoad(toAgent, load);
        return first.chain(() -> fromFirst ? agents.adjustLoad(toAgent, load) : agents.adjustLoad(fromAgent, -load))
                .chain(() -> outbox.append(event))
                .invoke(() -> {
                    Counter.builder("ts.routing.reassignments")
                            .description("tickets moved after their first assignment, by cause")
                            .tag("cause", cause)
                            .tag("team", team.id)
                            .register(registry)
                            .increment();
                    LOG.debugf(
                            "ticket %s moved %s/%s → %s/%s: %s",
                            a.ticketId, fromTeam, fromAgent, team.id, toAgent, reason);
                })
                .replaceWith(a);
    }

    /** The assignment of a ticket, with the ticket's row locked (serialised with the consumers); open only. */
    private Uni<Assignment> lockedOpenAssignment(UUID ticketId) {
        return tickets.findById(ticketId, LockModeType.PESSIMISTIC_WRITE)
                .chain(ticket -> assignments.findById(ticketId))
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("assignment of ticket", ticketId))
                .chain(a -> a.open
                        ? Uni.createFrom().item(a)
                        : Uni.createFrom().failure(conflict("ticket " + ticketId + " is resolved or closed")));
    }

    private Uni<RouteFacts> facts(UUID ticketId) {
        return tickets.findById(ticketId)
                .map(t -> t == null
                        ? new RouteFacts(null, null, null, null)
                        : new RouteFacts(t.category, t.tier, t.priority, t.language));
    }

    /** A least-loaded choice in the team for the ticket's facts, skipping the {@code excluded} agents (with why). */
    private AgentChooser.Ask leastLoaded(RouteFacts facts, Assignment a, Map<String, String> excluded) {
        return new AgentChooser.Ask(
                Strategy.LEAST_LOADED, categorySkills(facts), facts.language(), customer(a), false, excluded);
    }

    private java.util.Set<String> categorySkills(RouteFacts facts) {
        return rules.categorySkills().getOrDefault(facts.category(), java.util.Set.of());
    }

    private static String customer(Assignment a) {
        return a.customerId;
    }

    static ProblemException conflict(String detail) {
        return new ProblemException(409, ProblemTypes.CONFLICT, "Conflict", detail);
    }

    static ProblemException fieldError(String field, String message) {
        return ProblemException.validation(List.of(new Problem.FieldError(field, message)));
    }
}
