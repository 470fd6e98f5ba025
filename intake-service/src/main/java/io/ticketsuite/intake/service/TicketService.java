package io.ticketsuite.intake.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketReopened;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.TicketUpdated;
import io.ticketsuite.events.Visibility;
import io.ticketsuite.intake.Ticket;
import io.ticketsuite.intake.TicketComment;
import io.ticketsuite.intake.TicketLifecycle;
import io.ticketsuite.intake.config.IntakeConfig;
import io.ticketsuite.intake.mapping.TicketMapper;
import io.ticketsuite.intake.repository.NewTicketWriter;
import io.ticketsuite.intake.repository.TicketRepository;
import io.ticketsuite.intake.rest.dto.CommentRequest;
import io.ticketsuite.intake.rest.dto.CreateTicketRequest;
import io.ticketsuite.intake.rest.dto.StatusChangeRequest;
import io.ticketsuite.intake.security.Actor;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.problem.ProblemTypes;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The ticket's owner: creates tickets, enforces the lifecycle, records comments, reflects triage and routing
 * decisions. Every change writes the ticket and its events (outbox) in one transaction.
 */
@ApplicationScoped
public class TicketService {
    private static final Logger LOG = Logger.getLogger(TicketService.class);

    private final TicketRepository tickets;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final IntakeConfig config;
    private final MeterRegistry registry;
    private final NewTicketWriter newTickets;
    private final Map<String, Counter> createdCounters = new java.util.concurrent.ConcurrentHashMap<>();

    public TicketService(
            TicketRepository tickets,
            NewTicketWriter newTickets,
            OutboxWriter outbox,
            Clock clock,
            IntakeConfig config,
            MeterRegistry registry) {
        this.newTickets = newTickets;
        this.tickets = tickets;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.registry = registry;
    }

    /** The outcome of a create: the ticket, and whether it was an idempotent replay of an earlier request. */
    public record Created(Ticket ticket, boolean replayed) {}

    /**
     * Creates a ticket: the ticket, its {@code ticket.created} event and the Idempotency-Key claim are written in
     * one statement ({@link NewTicketWriter}). A retry with the same key and body replays the first ticket; the
     * same key with another body is refused (422).
     */
    public Uni<Created> create(CreateTicketRequest request, String idempotencyKey) {
        Ticket ticket = TicketMapper.newTicket(UUID.randomUUID(), request, now());
        OutboxWriter.Row event;
        try {
            event = OutboxWriter.Row.of(outbox.envelope(TicketMapper.created(ticket)));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        if (idempotencyKey == null) {
            return newTickets.insert(ticket, event).map(ignored -> accepted(ticket));
        }
        String hash = hash(request);
        return newTickets
                .insertClaiming(ticket, event, idempotencyKey, hash)
                .chain(claimed -> claimed ? Uni.createFrom().item(accepted(ticket)) : replay(idempotencyKey, hash));
    }

    private Created accepted(Ticket ticket) {
        createdCounters
                .computeIfAbsent(
                        ticket.channel.name() + '/' + ticket.type.name(),
                        k -> Counter.builder("ts.tickets.created")
                                .description("tickets accepted, by channel and type")
                                .tag("channel", ticket.channel.name())
                                .tag("type", ticket.type.name())
                                .register(registry))
                .increment();
        return new Created(ticket, false);
    }

    private Uni<Created> replay(String key, String hash) {
        return newTickets.findClaim(key).chain(claim -> {
            if (claim == null) {
                // the claim expired between the insert and this read: rare; a retry creates the ticket
                return Uni.createFrom()
                        .failure(new ProblemException(
                                409,
                                ProblemTypes.CONFLICT,
                                "Idempotency key changed concurrently",
                                "Idempotency-Key '" + key + "' expired while this request ran; retry it"));
            }
            if (!hash.equals(claim.requestHash())) {
                return Uni.createFrom()
                        .failure(new ProblemException(
                                422,
                                ProblemTypes.IDEMPOTENCY_KEY_REUSED,
                                "Idempotency key reused",
                                "Idempotency-Key '" + key + "' was already used with a different request body"));
            }
            return get(claim.ticketId()).map(t -> new Created(t, true));
        });
    }

    @WithSession
    public Uni<Ticket> get(UUID id) {
        return tickets.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("ticket", id));
    }

    /** The ticket as {@code actor} may see it: another customer's ticket or an ESCALATION is a 404 for a customer. */
    @WithSession
    public Uni<Ticket> get(UUID id, Actor actor) {
        return tickets.findById(id).map(ticket -> visible(id, ticket, actor));
    }

    /**
     * One page of tickets. A customer's list is always narrowed to their own tickets with no ESCALATION: asking for
     * another customer or for ESCALATION tickets gives an empty page.
     */
    @WithSession
    public Uni<TicketRepository.PageResult> list(TicketRepository.Filter filter, Actor actor, int offset, int size) {
        if (actor.isCustomer()) {
            if ((filter.customer() != null && !filter.customer().equals(actor.customerId()))
                    || filter.type() == TicketType.ESCALATION) {
                return Uni.createFrom().item(new TicketRepository.PageResult(List.of(), 0));
            }
            filter = new TicketRepository.Filter(
                    filter.status(),
                    actor.customerId(),
                    filter.type(),
                    filter.category(),
                    filter.priority(),
                    TicketType.ESCALATION);
        } else if (!actor.isStaff()) {
            return Uni.createFrom().failure(ProblemException.forbidden("Listing tickets is for customers and staff"));
        }
        return tickets.search(filter, offset, size);
    }

    /**
     * Moves a ticket along its lifecycle. Staff may make any legal transition; a customer only reopen or close their
     * own RESOLVED ticket (403 otherwise; another customer's ticket or an ESCALATION is a 404). The event records the
     * caller's id and role.
     */
    @WithTransaction
    public Uni<Ticket> changeStatus(UUID id, StatusChangeRequest request, Actor actor) {
        return locked(id, actor).chain(ticket -> {
            if (actor.isCustomer()
                    && !(ticket.status == TicketStatus.RESOLVED
                            && (request.status() == TicketStatus.REOPENED
                                    || request.status() == TicketStatus.CLOSED))) {
                throw ProblemException.forbidden(
                        "A customer may only reopen or close their own resolved ticket; other status changes are"
                                + " made by staff");
            }
            Instant now = now();
            TicketLifecycle.refusal(
                            ticket.type, ticket.status, request.status(), ticket.resolvedAt, now, config.reopenWindow())
                    .ifPresent(reason -> {
                        throw new ProblemException(
                                409,
                                ProblemTypes.ILLEGAL_TRANSITION,
                                "Illegal status transition",
                                reason,
                                null,
                                Map.of(
                                        "current_status",
                                        ticket.status,
                                        "allowed",
                                        TicketLifecycle.allowed(ticket.type, ticket.status).stream()
                                                .sorted()
                                                .toList()));
                    });
            List<EventData> events = new ArrayList<>();
            events.add(transition(ticket, request.status(), request.reason(), actor.id(), actor.eventRole(), now));
            if (request.status() == TicketStatus.REOPENED) {
                events.add(new TicketReopened(ticket.id, request.reason(), now));
            }
            return outbox.appendAll(events).replaceWith(ticket);
        });
    }

    /**
     * Adds a comment by {@code actor}: its author id and role come from the token (a customer's comment is a
     * CUSTOMER one, staff's an AGENT one), never from the body. A customer comments only publicly (403 for
     * INTERNAL) and only on their own tickets (404 otherwise).
     */
    @WithTransaction
    public Uni<TicketComment> addComment(UUID ticketId, CommentRequest request, Actor actor) {
        if (!actor.isStaff() && request.visibility() != Visibility.PUBLIC) {
            return Uni.createFrom()
                    .failure(ProblemException.forbidden(
                            "Only staff write INTERNAL comments; customers comment publicly"));
        }
        return locked(ticketId, actor).chain(ticket -> {
            TicketComment comment = new TicketComment();
            comment.id = UUID.randomUUID();
            comment.ticketId = ticket.id;
            comment.authorId = actor.id();
            comment.authorRole = actor.authorRole();
            comment.visibility = request.visibility();
            comment.body = request.body();
            comment.createdAt = now();
            ticket.updatedAt = comment.createdAt;
            return Panache.getSession()
                    .chain(session -> session.persist(comment))
                    .chain(() -> outbox.append(TicketMapper.commentAdded(comment)))
                    .replaceWith(comment);
        });
    }

    /** A ticket's comments, oldest first; a customer sees only the PUBLIC ones of their own tickets. */
    @WithSession
    public Uni<List<TicketComment>> comments(UUID ticketId, Actor actor) {
        String query = actor.isStaff()
                ? "from TicketComment where ticketId = :id order by createdAt, id"
                : "from TicketComment where ticketId = :id and visibility = :public order by createdAt, id";
        return get(ticketId, actor)
                .chain(t -> Panache.getSession().chain(session -> {
                    var select = session.createQuery(query, TicketComment.class).setParameter("id", ticketId);
                    if (!actor.isStaff()) {
                        select.setParameter("public", Visibility.PUBLIC);
                    }
                    return select.getResultList();
                }));
    }

    /**
     * Reflects a triage decision (or a reclassification): category and priority, and New → Triaged. Runs in the
     * consumer's transaction. An unknown ticket is logged and skipped, never retried forever.
     */
    public Uni<Void> applyTriage(UUID ticketId, String category, Priority priority, String reason) {
        return tickets.findForUpdate(ticketId).chain(ticket -> {
            if (ticket == null) {
                return unknown("triage decision", ticketId);
            }
            Instant now = now();
            List<EventData> events = new ArrayList<>();
            Map<String, String> changes = new LinkedHashMap<>();
            if (!Objects.equals(ticket.category, category)) {
                changes.put("category", category);
                ticket.category = category;
            }
            if (ticket.priority != priority) {
                changes.put("priority", priority.name());
                ticket.priority = priority;
            }
            if (!changes.isEmpty()) {
                ticket.updatedAt = now;
                events.add(new TicketUpdated(ticket.id, changes, now));
            }
            TicketLifecycle.onTriaged(ticket.type, ticket.status)
                    .ifPresent(to -> events.add(transition(ticket, to, reason, "triage-service", null, now)));
            return outbox.appendAll(events);
        });
    }

    /** Reflects an assignment: team and assignee, and → Assigned (a QUESTION → Accepted). */
    public Uni<Void> applyAssignment(TicketAssigned assigned) {
        return tickets.findForUpdate(assigned.ticketId()).chain(ticket -> {
            if (ticket == null) {
                return unknown("assignment", assigned.ticketId());
            }
            Instant now = now();
            List<EventData> events = new ArrayList<>();
            Map<String, String> changes = new LinkedHashMap<>();
            if (!Objects.equals(ticket.teamId, assigned.teamId())) {
                changes.put("team", assigned.teamId());
                ticket.teamId = assigned.teamId();
            }
            if (!Objects.equals(ticket.assigneeId, assigned.agentId())) {
                changes.put("assignee", assigned.agentId());
                ticket.assigneeId = assigned.agentId();
            }
            if (!changes.isEmpty()) {
                ticket.updatedAt = now;
                events.add(new TicketUpdated(ticket.id, changes, now));
            }
            TicketLifecycle.onAssigned(ticket.type, ticket.status)
                    .ifPresent(to -> events.add(transition(
                            ticket, to, "assigned by rule " + assigned.rule(), "routing-service", null, now)));
            return outbox.appendAll(events);
        });
    }

    private TicketStatusChanged transition(
            Ticket ticket, TicketStatus to, String reason, String by, String byRole, Instant now) {
        TicketStatus from = ticket.status;
        ticket.status = to;
        ticket.updatedAt = now;
        if (to == TicketStatus.RESOLVED) {
            ticket.resolvedAt = now;
        }
        Counter.builder("ts.tickets.status.changes")
                .description("status transitions, by target status")
                .tag("to", to.name())
                .register(registry)
                .increment();
        return new TicketStatusChanged(ticket.id, ticket.type, from, to, reason, by, byRole, now);
    }

    /** Now, at the database's precision (microseconds), so what is returned equals what is read back later. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** The ticket, row-locked, if {@code actor} may see it; else the 404 of an unknown id. */
    private Uni<Ticket> locked(UUID id, Actor actor) {
        return tickets.findForUpdate(id).map(ticket -> visible(id, ticket, actor));
    }

    /** The ticket if it exists and {@code actor} may see it; otherwise the same 404 as for an unknown id. */
    private static Ticket visible(UUID id, Ticket ticket, Actor actor) {
        if (ticket == null || !actor.maySee(ticket)) {
            throw ProblemException.notFound("ticket", id);
        }
        return ticket;
    }

    private Uni<Void> unknown(String what, UUID ticketId) {
        LOG.warnf("ignoring %s for unknown ticket %s", what, ticketId);
        Counter.builder("ts.events.unknown.ticket")
                .description("events about tickets this service does not know")
                .register(registry)
                .increment();
        return Uni.createFrom().voidItem();
    }

    static String hash(CreateTicketRequest request) {
        try {
            byte[] json = EventCodec.mapper().writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
