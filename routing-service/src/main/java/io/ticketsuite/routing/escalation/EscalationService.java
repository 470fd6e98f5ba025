package io.ticketsuite.routing.escalation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EscalationTarget;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.TicketEscalated;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.problem.ProblemTypes;
import io.ticketsuite.kit.security.Caller;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.routing.repository.AssignmentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Applies the escalation matrix: an event that triggers rules opens level 1 of each (once per ticket, cluster or
 * event), resolves its targets to staff ids and announces it as {@code ticket.escalated} through the outbox, in the
 * consumer's transaction. Also acknowledges escalations, opens the next level of a missed deadline (for the sweep)
 * and closes a ticket's open escalations when it is resolved or closed.
 */
@ApplicationScoped
public class EscalationService {
    private static final Logger LOG = Logger.getLogger(EscalationService.class);
    private static final TypeReference<List<EscalationTarget>> TARGETS = new TypeReference<>() {};

    private final EscalationMatrix matrix;
    private final EscalationRepository escalations;
    private final AssignmentRepository assignments;
    private final TargetResolver resolver;
    private final OutboxWriter outbox;
    private final Clock clock;

    public EscalationService(
            EscalationMatrix matrix,
            EscalationRepository escalations,
            AssignmentRepository assignments,
            TargetResolver resolver,
            OutboxWriter outbox,
            Clock clock) {
        this.matrix = matrix;
        this.escalations = escalations;
        this.assignments = assignments;
        this.resolver = resolver;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Opens level 1 of every rule the event triggers; returns the escalations opened. Needs a transaction. */
    public Uni<List<Escalation>> onEvent(EventEnvelope<EventData> event) {
        return EscalationFacts.of(event)
                .map(facts -> {
                    List<EscalationRule> rules = matrix.matching(facts);
                    if (rules.isEmpty()) {
                        return Uni.createFrom().item(List.<Escalation>of());
                    }
                    return ticketTeam(facts).chain(team -> openAll(rules, facts.withTeam(team)));
                })
                .orElseGet(() -> Uni.createFrom().item(List.of()));
    }

    /** A resolved or closed ticket closes its open escalations (a recurring-issue cluster's stay). */
    public Uni<Integer> onStatusChanged(TicketStatusChanged changed) {
        if (changed.to().isOpen()) {
            return Uni.createFrom().item(0);
        }
        return escalations.closeOpenOfTicket(changed.ticketId(), now());
    }

    private Uni<String> ticketTeam(EscalationFacts facts) {
        if (facts.teamId() != null) {
            return Uni.createFrom().item(facts.teamId());
        }
        return assignments.findById(facts.ticketId()).map(a -> a != null ? a.teamId : matrix.defaultTeam());
    }

    private Uni<List<Escalation>> openAll(List<EscalationRule> rules, EscalationFacts facts) {
        List<Escalation> opened = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (EscalationRule rule : rules) {
            chain = chain.chain(() -> openFirstLevel(rule, facts).invoke(e -> {
                        if (e != null) {
                            opened.add(e);
                        }
                    }))
                    .replaceWithVoid();
        }
        return chain.map(ignored -> opened);
    }

    private Uni<Escalation> openFirstLevel(EscalationRule rule, EscalationFacts facts) {
        UUID id = UUID.randomUUID();
        Instant now = now();
        return escalations.fireOnce(rule.dedupeKey(facts), id, now).chain(first -> {
            if (!first) {
                LOG.debugf("rule %s already fired for %s", rule.id(), rule.dedupeKey(facts));
                return Uni.createFrom().nullItem();
            }
            Escalation escalation = new Escalation();
            escalation.id = id;
            escalation.ticketId = facts.ticketId();
            escalation.rule = rule.id();
            escalation.triggerEvent = facts.event();
            escalation.ticketTeamId = facts.teamId();
            escalation.clusterId = facts.clusterId();
            String cause = rule.description() + " (" + facts.detail() + ")";
            return open(escalation, rule, 1, cause, now);
        });
    }

    /**
     * Opens the level after an expired escalation (for the sweep, inside its transaction): a new record, linked both
     * ways, announced like the first. Empty when the rule has no further level.
     */
    public Uni<Escalation> openNextLevel(Escalation expired, Instant now) {
        EscalationRule rule = matrix.rule(expired.rule).orElse(null);
        if (rule == null || rule.level(expired.level + 1).isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        Escalation next = new Escalation();
        next.id = UUID.randomUUID();
        next.ticketId = expired.ticketId;
        next.rule = expired.rule;
        next.triggerEvent = expired.triggerEvent;
        next.ticketTeamId = expired.ticketTeamId;
        next.clusterId = expired.clusterId;
        next.previousId = expired.id;
        expired.nextId = next.id;
        String cause = "not acknowledged by " + expired.acknowledgeBy + " at L" + expired.level + " "
                + expired.levelName + " — " + rule.description();
        return open(next, rule, expired.level + 1, cause, now);
    }

    private Uni<Escalation> open(Escalation escalation, EscalationRule rule, int number, String cause, Instant now) {
        EscalationLevel level = rule.level(number).orElseThrow();
        return resolver.resolve(level, escalation.ticketTeamId, now).chain(resolved -> {
            escalation.level = number;
            escalation.levelName = level.name();
            escalation.state = Escalation.State.OPEN;
            escalation.teamId = resolved.teamId();
            escalation.immediate = level.immediate();
            escalation.createdAt = now;
            escalation.acknowledgeBy = level.deadline().map(now::plus).orElse(null);
            escalation.targetIds =
                    resolved.targets().stream().map(EscalationTarget::staffId).collect(Collectors.toList());
            escalation.targets = json(resolved.targets());
            escalation.reason = cause + "; " + levelLabel(escalation) + " → "
                    + (resolved.targets().isEmpty()
                            ? "nobody (no target could be resolved)"
                            : resolved.targets().stream()
                                    .map(t -> t.name() + " (" + t.role() + ")")
                                    .collect(Collectors.joining(", ")))
                    + (escalation.immediate ? ", immediately" : "")
                    + (escalation.acknowledgeBy == null ? "" : "; acknowledge by " + escalation.acknowledgeBy);
            TicketEscalated event = new TicketEscalated(
                    escalation.ticketId,
                    levelLabel(escalation),
                    escalation.teamId,
                    escalation.reason,
                    now,
                    escalation.id,
                    escalation.rule,
                    resolved.targets(),
                    escalation.acknowledgeBy,
                    escalation.immediate);
            return escalations
                    .persist(escalation)
                    .chain(() -> outbox.append(event))
                    .replaceWith(escalation);
        });
    }

    /**
     * Acknowledges an open escalation: its targets (agents among them) or any lead or admin; 409 once it is
     * acknowledged, expired, closed, or its deadline has passed (the sweep then opens the next level).
     */
    @WithTransaction
    public Uni<Escalation> acknowledge(UUID id, Caller caller) {
        String who = caller.id();
        boolean lead = caller.is(Roles.LEAD) || caller.is(Roles.ADMIN);
        return escalations
                .findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("escalation", id))
                .map(escalation -> {
                    if (!lead && !escalation.targetIds.contains(who)) {
                        throw ProblemException.forbidden(
                                "only the escalation's targets, leads and admins may acknowledge it");
                    }
                    Instant now = now();
                    if (escalation.state != Escalation.State.OPEN) {
                        throw conflict("escalation " + id + " is already "
                                + escalation.state.name().toLowerCase()
                                + (escalation.state == Escalation.State.ACKNOWLEDGED
                                        ? " (by " + escalation.acknowledgedBy + " at " + escalation.acknowledgedAt + ")"
                                        : ""));
                    }
                    if (escalation.acknowledgeBy != null && !now.isBefore(escalation.acknowledgeBy)) {
                        throw conflict("escalation " + id + " expired at " + escalation.acknowledgeBy
                                + "; it goes to the next level");
                    }
                    escalation.state = Escalation.State.ACKNOWLEDGED;
                    escalation.acknowledgedAt = now;
                    escalation.acknowledgedBy = who;
                    return escalation;
                });
    }

    @WithSession
    public Uni<Escalation> get(UUID id) {
        return escalations.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("escalation", id));
    }

    /** A page of escalations and the total, newest first. */
    @WithSession
    public Uni<Page> list(Escalation.State state, UUID ticketId, int offset, int size) {
        return escalations
                .page(state, ticketId, offset, size)
                .chain(items -> escalations.total(state, ticketId).map(total -> new Page(items, total)));
    }

    public record Page(List<Escalation> items, long total) {}

    public static String levelLabel(Escalation escalation) {
        return "L" + escalation.level + " " + escalation.levelName;
    }

    public static List<EscalationTarget> targets(Escalation escalation) {
        try {
            return EventCodec.mapper().readValue(escalation.targets, TARGETS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable targets of escalation " + escalation.id, e);
        }
    }

    private static String json(List<EscalationTarget> targets) {
        try {
            return EventCodec.mapper().writeValueAsString(targets);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(409, ProblemTypes.CONFLICT, "Conflict", detail);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
