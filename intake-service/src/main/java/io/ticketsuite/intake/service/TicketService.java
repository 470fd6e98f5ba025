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
import io.ticketsuite.events.Resolution;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketEscalationRequested;
import io.ticketsuite.events.TicketReassigned;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.events.TicketReopened;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.TicketUpdated;
import io.ticketsuite.events.Visibility;
import io.ticketsuite.intake.Ticket;
import io.ticketsuite.intake.TicketComment;
import io.ticketsuite.intake.TicketLifecycle;
import io.ticketsuite.intake.TimeEntry;
import io.ticketsuite.intake.config.IntakeConfig;
import io.ticketsuite.intake.mapping.TicketMapper;
import io.ticketsuite.intake.repository.NewTicketWriter;
import io.ticketsuite.intake.repository.TicketRepository;
import io.ticketsuite.intake.rest.dto.CommentRequest;
import io.ticketsuite.intake.rest.dto.CreateTicketRequest;
import io.ticketsuite.intake.rest.dto.EscalateRequest;
import io.ticketsuite.intake.rest.dto.EscalationRequested;
import io.ticketsuite.intake.rest.dto.PageResponse;
import io.ticketsuite.intake.rest.dto.StatusChangeRequest;
import io.ticketsuite.intake.rest.dto.TicketResponse;
import io.ticketsuite.intake.rest.dto.TimeEntryRequest;
import io.ticketsuite.intake.rest.dto.TimeEntryResponse;
import io.ticketsuite.intake.security.Actor;
import io.ticketsuite.kit.messaging.EventInbox;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.problem.ProblemTypes;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
    private final Counter followUps;
    private final Counter minutesLogged;
    private final Counter escalationsRequested;

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
        this.followUps = Counter.builder("ts.tickets.follow.ups")
                .description("follow-up tickets opened because a customer wrote after the reopen window")
                .register(registry);
        this.minutesLogged = Counter.builder("ts.tickets.time.logged.minutes")
                .description("minutes of work logged against tickets")
                .register(registry);
        this.escalationsRequested = Counter.builder("ts.tickets.escalations.requested")
                .description("escalations asked for through POST /tickets/{id}/escalate")
                .register(registry);
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

    /** The ticket as {@code actor} may see it, with the tickets that follow it up. */
    @WithSession
    public Uni<TicketResponse> view(UUID id, Actor actor) {
        return tickets.findById(id)
                .map(ticket -> visible(id, ticket, actor))
                .chain(ticket -> tickets.followUps(List.of(ticket.id))
                        .map(links -> TicketMapper.toResponse(ticket, visibleLinks(links.get(ticket.id), actor))));
    }

    /** One page of tickets as the API shows them (with their follow-up links). */
    @WithSession
    public Uni<PageResponse<TicketResponse>> listView(
            TicketRepository.Filter filter, Actor actor, int page, int offset, int size) {
        return list(filter, actor, offset, size)
                .chain(result -> tickets.followUps(
                                result.items().stream().map(t -> t.id).toList())
                        .map(links -> new PageResponse<>(
                                result.items().stream()
                                        .map(t -> TicketMapper.toResponse(t, visibleLinks(links.get(t.id), actor)))
                                        .toList(),
                                page,
                                size,
                                result.total())));
    }

    private static List<UUID> visibleLinks(List<UUID> links, Actor actor) {
        return links == null ? List.of() : links;
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
                    TicketType.ESCALATION,
                    filter.q(),
                    filter.ref());
        } else if (!actor.isStaff()) {
            return Uni.createFrom().failure(ProblemException.forbidden("Listing tickets is for customers and staff"));
        }
        return tickets.search(filter, offset, size);
    }

    /** What a status change did: the ticket, and the follow-up ticket a late reopen opened instead (or null). */
    public record StatusOutcome(Ticket ticket, Ticket followUp) {}

    /**
     * Moves a ticket along its lifecycle. Staff may make any legal transition; a customer only reopen or close (confirm)
     * their own RESOLVED ticket, or reopen their own CLOSED one (403 otherwise; another customer's ticket or an
     * ESCALATION is a 404). Reopening after the reopen window opens a follow-up ticket instead. RESOLVED needs a
     * resolution (an ESCALATION with lessons learned), SCHEDULED an estimate and a planned date (400 naming the field).
     * The event records the caller's id and role.
     */
    @WithTransaction
    public Uni<StatusOutcome> changeStatus(UUID id, StatusChangeRequest request, Actor actor) {
        return locked(id, actor).chain(ticket -> {
            TicketStatus to = request.status();
            boolean reopenOrConfirm = (ticket.status == TicketStatus.RESOLVED
                            && (to == TicketStatus.REOPENED || to == TicketStatus.CLOSED))
                    || (ticket.status == TicketStatus.CLOSED && to == TicketStatus.REOPENED);
            if (actor.isCustomer() && !reopenOrConfirm) {
                throw ProblemException.forbidden(
                        "A customer may only reopen or close their own resolved ticket, or reopen their closed one;"
                                + " other status changes are made by staff");
            }
            Instant now = now();
            if (to == TicketStatus.REOPENED
                    && TicketLifecycle.allowed(ticket.type, ticket.status).contains(to)
                    && !TicketLifecycle.withinReopenWindow(ticket.resolvedAt, now, config.reopenWindow())) {
                String text = request.reason() == null || request.reason().isBlank()
                        ? "Reopen requested after the reopen window of ticket " + ticket.id
                        : request.reason();
                return followUp(ticket, text, now).map(followUp -> new StatusOutcome(ticket, followUp));
            }
            TicketLifecycle.refusal(ticket.type, ticket.status, to, ticket.resolvedAt, now, config.reopenWindow())
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
            if (to == TicketStatus.RESOLVED) {
                Resolution resolution = resolution(ticket, request.resolution());
                ticket.resolutionCategory = resolution.category();
                ticket.resolutionSummary = resolution.summary();
                ticket.lessonsLearned = resolution.lessonsLearned();
            }
            if (to == TicketStatus.SCHEDULED) {
                schedule(ticket, request, now).ifPresent(events::add);
            }
            events.add(0, transition(ticket, to, request.reason(), actor.id(), actor.eventRole(), now));
            if (to == TicketStatus.REOPENED) {
                events.add(new TicketReopened(ticket.id, request.reason(), now));
            }
            return outbox.appendAll(events).replaceWith(new StatusOutcome(ticket, null));
        });
    }

    /** The resolution of a move to RESOLVED, validated: 400 naming each missing or wrong field. */
    private Resolution resolution(Ticket ticket, StatusChangeRequest.Resolution given) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (given == null) {
            errors.add(new Problem.FieldError(
                    "resolution", "is required to resolve a ticket: {category, summary}" + lessonsHint(ticket)));
            throw ProblemException.validation(errors);
        }
        List<String> categories = config.resolutionCategories();
        String category =
                given.category() == null ? null : given.category().trim().toLowerCase(Locale.ROOT);
        if (category == null || category.isEmpty()) {
            errors.add(new Problem.FieldError("resolution.category", "is required; one of " + categories));
        } else if (!categories.contains(category)) {
            errors.add(new Problem.FieldError(
                    "resolution.category",
                    "'" + given.category() + "' is not a resolution category; one of " + categories));
        }
        if (given.summary() == null || given.summary().isBlank()) {
            errors.add(new Problem.FieldError("resolution.summary", "is required: what was done"));
        }
        if (ticket.type == TicketType.ESCALATION
                && (given.lessonsLearned() == null || given.lessonsLearned().isBlank())) {
            errors.add(new Problem.FieldError(
                    "resolution.lessons_learned", "is required to resolve an ESCALATION ticket"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new Resolution(category, given.summary().strip(), blankToNull(given.lessonsLearned()));
    }

    private static String lessonsHint(Ticket ticket) {
        return ticket.type == TicketType.ESCALATION ? " and lessons_learned for an ESCALATION" : "";
    }

    /** Records the plan of a move to SCHEDULED; the ticket.updated announcing it, if anything changed. */
    private Optional<TicketUpdated> schedule(Ticket ticket, StatusChangeRequest request, Instant now) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.scheduledFor() == null) {
            errors.add(new Problem.FieldError("scheduled_for", "is required to schedule work: the planned date"));
        }
        if (request.estimateMinutes() == null) {
            errors.add(new Problem.FieldError("estimate_minutes", "is required to schedule work: minutes"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        Map<String, String> changes = new LinkedHashMap<>();
        if (!request.scheduledFor().equals(ticket.scheduledFor)) {
            changes.put("scheduled_for", request.scheduledFor().toString());
            ticket.scheduledFor = request.scheduledFor();
        }
        if (!request.estimateMinutes().equals(ticket.estimateMinutes)) {
            changes.put("estimate_minutes", request.estimateMinutes().toString());
            ticket.estimateMinutes = request.estimateMinutes();
        }
        return changes.isEmpty() ? Optional.empty() : Optional.of(new TicketUpdated(ticket.id, changes, now));
    }

    /**
     * Opens a follow-up of {@code old} (a closed ticket whose reopen window has passed): same type, channel,
     * customer and tags, {@code follows_up} = the old id, announced as ticket.created. Runs in the caller's
     * transaction.
     */
    private Uni<Ticket> followUp(Ticket old, String text, Instant now) {
        Ticket ticket = new Ticket();
        ticket.id = UUID.randomUUID();
        ticket.type = old.type;
        ticket.channel = old.channel;
        ticket.status = TicketStatus.NEW;
        String subject = "Follow-up: " + old.subject;
        ticket.subject = subject.length() > 200 ? subject.substring(0, 200) : subject;
        ticket.description = text;
        ticket.customerId = old.customerId;
        ticket.customerEmail = old.customerEmail;
        ticket.customerTier = old.customerTier;
        ticket.customerLanguage = old.customerLanguage;
        ticket.customerTimeZone = old.customerTimeZone;
        ticket.tags = old.tags == null ? new ArrayList<>() : new ArrayList<>(old.tags);
        ticket.followsUp = old.id;
        ticket.createdAt = now;
        ticket.updatedAt = now;
        return tickets.nextRef()
                .invoke(ref -> ticket.ref = ref)
                .chain(Panache::getSession)
                .chain(session -> session.persist(ticket))
                .chain(() -> outbox.append(TicketMapper.created(ticket)))
                .invoke(() -> {
                    accepted(ticket);
                    followUps.increment();
                })
                .replaceWith(ticket);
    }

    /**
     * Logs time against a ticket (staff): the entry, the ticket's new total, and a ticket.updated with
     * {@code time_logged_added}, {@code time_logged_minutes} and {@code time_logged_by}.
     */
    @WithTransaction
    public Uni<TimeEntryResponse> logTime(UUID id, TimeEntryRequest request, Actor actor) {
        if (!actor.isStaff()) {
            return Uni.createFrom().failure(ProblemException.forbidden("Time is logged by staff"));
        }
        return locked(id, actor).chain(ticket -> {
            Instant now = now();
            TimeEntry entry = new TimeEntry();
            entry.id = UUID.randomUUID();
            entry.ticketId = ticket.id;
            entry.minutes = request.minutes();
            entry.note = blankToNull(request.note());
            entry.workDate = request.date() == null ? LocalDate.ofInstant(now, ZoneOffset.UTC) : request.date();
            entry.loggedBy = actor.id();
            entry.loggedAt = now;
            ticket.timeLoggedMinutes += entry.minutes;
            ticket.updatedAt = now;
            Map<String, String> changes = new LinkedHashMap<>();
            changes.put("time_logged_added", Integer.toString(entry.minutes));
            changes.put("time_logged_minutes", Integer.toString(ticket.timeLoggedMinutes));
            changes.put("time_logged_by", actor.id());
            minutesLogged.increment(entry.minutes);
            return Panache.getSession()
                    .chain(session -> session.persist(entry))
                    .chain(() -> outbox.append(new TicketUpdated(ticket.id, changes, now)))
                    .replaceWith(new TimeEntryResponse(
                            entry.id,
                            ticket.id,
                            entry.minutes,
                            entry.note,
                            entry.workDate,
                            entry.loggedBy,
                            entry.loggedAt,
                            ticket.timeLoggedMinutes));
        });
    }

    /**
     * Asks for an escalation of a ticket: the ticket's own customer (never an ESCALATION ticket: 404) or staff, with a
     * reason; published as ticket.escalation-requested (requested_by = the caller) for routing's escalation matrix.
     * A CLOSED ticket is not escalated (409).
     */
    @WithTransaction
    public Uni<EscalationRequested> requestEscalation(UUID id, EscalateRequest request, Actor actor) {
        return locked(id, actor).chain(ticket -> {
            if (ticket.status == TicketStatus.CLOSED) {
                throw new ProblemException(
                        409,
                        ProblemTypes.CONFLICT,
                        "Ticket closed",
                        "ticket " + id + " is closed; write to it again to reopen it or open a follow-up");
            }
            Instant now = now();
            String reason = request.reason().strip();
            escalationsRequested.increment();
            return outbox.append(new TicketEscalationRequested(ticket.id, reason, actor.id(), now))
                    .replaceWith(new EscalationRequested(ticket.id, reason, actor.id(), now));
        });
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
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
        return locked(ticketId, actor).chain(ticket -> commentOnLocked(ticket, request, actor));
    }

    /**
     * Records a comment on a ticket already row-locked in the caller's transaction (the email channel's threaded
     * replies come here too): a customer's public comment on a RESOLVED/CLOSED ticket reopens it within the reopen
     * window, or after it opens a follow-up that takes the comment.
     */
    public Uni<TicketComment> commentOnLocked(Ticket ticket, CommentRequest request, Actor actor) {
        {
            Instant now = now();
            boolean customerReturns = actor.isCustomer()
                    && (ticket.status == TicketStatus.RESOLVED || ticket.status == TicketStatus.CLOSED);
            if (customerReturns && !TicketLifecycle.withinReopenWindow(ticket.resolvedAt, now, config.reopenWindow())) {
                // after the reopen window the customer's words open a follow-up ticket and the comment goes there
                return followUp(ticket, request.body(), now).chain(followUp -> comment(followUp, request, actor, now));
            }
            List<EventData> events = new ArrayList<>();
            if (customerReturns) {
                // a public customer reply on a resolved or closed ticket (within the window) reopens it
                String reason = ticket.status == TicketStatus.RESOLVED
                        ? "the customer replied after resolution"
                        : "the customer wrote again on the closed ticket";
                events.add(transition(ticket, TicketStatus.REOPENED, reason, actor.id(), actor.eventRole(), now));
                events.add(new TicketReopened(ticket.id, reason, now));
            }
            return comment(ticket, request, actor, now)
                    .call(comment -> outbox.appendAll(events))
                    .map(comment -> comment);
        }
    }

    /**
     * Writes a new ticket built by a channel of intake's own (email, monitoring) in the caller's transaction: its
     * human reference, the row and its {@code ticket.created}. Count it with {@link #countCreated} after commit.
     */
    public Uni<Ticket> persistNew(Ticket ticket) {
        return tickets.nextRef()
                .invoke(ref -> ticket.ref = ref)
                .chain(Panache::getSession)
                .chain(session -> session.persist(ticket))
                .chain(() -> outbox.append(TicketMapper.created(ticket)))
                .replaceWith(ticket);
    }

    /** Counts a ticket written through {@link #persistNew} (call it once its transaction committed). */
    public void countCreated(Ticket ticket) {
        accepted(ticket);
    }

    /**
     * Moves a row-locked ticket to {@code to} in the caller's transaction when its lifecycle allows it, recorded as
     * by {@code by} (a system: no role); RESOLVED takes {@code resolution}. Returns whether it moved.
     */
    public Uni<Boolean> moveLocked(Ticket ticket, TicketStatus to, String reason, String by, Resolution resolution) {
        if (!TicketLifecycle.allowed(ticket.type, ticket.status).contains(to)) {
            return Uni.createFrom().item(false);
        }
        Instant now = now();
        if (resolution != null && (to == TicketStatus.RESOLVED || to == TicketStatus.CLOSED)) {
            ticket.resolutionCategory = resolution.category();
            ticket.resolutionSummary = resolution.summary();
            ticket.lessonsLearned = resolution.lessonsLearned();
        }
        return outbox.append(transition(ticket, to, reason, by, null, now)).replaceWith(true);
    }

    private Uni<TicketComment> comment(Ticket ticket, CommentRequest request, Actor actor, Instant now) {
        {
            TicketComment comment = new TicketComment();
            comment.id = UUID.randomUUID();
            comment.ticketId = ticket.id;
            comment.authorId = actor.id();
            comment.authorRole = actor.authorRole();
            comment.visibility = request.visibility();
            comment.body = request.body();
            comment.createdAt = now;
            ticket.updatedAt = comment.createdAt;
            return Panache.getSession()
                    .chain(session -> session.persist(comment))
                    .chain(() -> outbox.append(TicketMapper.commentAdded(comment)))
                    .replaceWith(comment);
        }
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
     * Reflects the classifier's decision: category and priority (kept as the classification too), and New → Triaged.
     * Runs in the consumer's transaction, on the ticket's row it locked ({@link #lockAll}; null: a ticket this service
     * does not know, logged and skipped, never retried forever).
     */
    public Uni<Void> applyTriage(Ticket ticket, TicketTriaged t) {
        if (ticket == null) {
            return unknown("triage decision", t.ticketId());
        }
        ticket.classifiedCategory = t.category();
        ticket.classifiedPriority = t.priority();
        return outbox.appendAll(classify(ticket, t.category(), t.priority(), "triaged as " + t.category()));
    }

    /**
     * The rows of the tickets a consumer batch's decisions are about, locked for the rest of the transaction in
     * ascending id order, in one statement; a ticket this service does not know is not in the map.
     */
    public Uni<Map<UUID, Ticket>> lockAll(Collection<UUID> ticketIds) {
        if (ticketIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return tickets.findAllForUpdate(ticketIds.stream().distinct().sorted().toList())
                .map(rows -> {
                    Map<UUID, Ticket> byId = new java.util.HashMap<>();
                    rows.forEach(row -> byId.put(row.id, row));
                    return byId;
                });
    }

    /**
     * Reflects a person's correction (ticket.reclassified): the new category and priority become the ticket's, the
     * classifier's decision stays as it was, and who corrected it, when and why are shown. A redelivered or
     * out-of-date correction (older than the last one applied) changes nothing.
     */
    public Uni<Void> applyReclassification(Ticket ticket, TicketReclassified r) {
        if (ticket == null) {
            return unknown("reclassification", r.ticketId());
        }
        if (ticket.reclassifiedAt != null
                && r.reclassifiedAt() != null
                && r.reclassifiedAt().isBefore(ticket.reclassifiedAt)) {
            return Uni.createFrom().voidItem();
        }
        if (ticket.classifiedCategory == null && ticket.classifiedPriority == null) {
            // the classifier's decision as the correction saw it, when intake never saw ticket.triaged
            ticket.classifiedCategory = r.previousCategory();
            ticket.classifiedPriority = r.previousPriority();
        }
        ticket.reclassifiedBy = r.reclassifiedBy();
        ticket.reclassifiedAt = r.reclassifiedAt() == null
                ? null
                : r.reclassifiedAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        ticket.reclassificationReason = r.reason();
        ticket.updatedAt = now();
        String reason = "reclassified" + (r.reason() == null ? "" : ": " + r.reason());
        return outbox.appendAll(classify(ticket, r.category(), r.priority(), reason));
    }

    private List<EventData> classify(Ticket ticket, String category, Priority priority, String reason) {
        Instant now = now();
        List<EventData> events = new ArrayList<>();
        Map<String, String> changes = new LinkedHashMap<>();
        if (!Objects.equals(ticket.category, category)) {
            changes.put("category", category);
            ticket.category = category;
        }
        if (priority != null && ticket.priority != priority) {
            changes.put("priority", priority.name());
            ticket.priority = priority;
        }
        if (!changes.isEmpty()) {
            ticket.updatedAt = now;
            events.add(new TicketUpdated(ticket.id, changes, now));
        }
        TicketLifecycle.onTriaged(ticket.type, ticket.status)
                .ifPresent(to -> events.add(transition(ticket, to, reason, "triage-service", null, now)));
        return events;
    }

    /**
     * Reflects a reassignment (ticket.reassigned) like an assignment: team and assignee, and → Assigned where the
     * lifecycle allows it (a ticket already being worked keeps its status). Recorded as by {@code reassigned_by}.
     */
    public Uni<Void> applyReassignment(Ticket ticket, TicketReassigned r) {
        String by = r.reassignedBy() == null || r.reassignedBy().isBlank() ? "routing-service" : r.reassignedBy();
        String reason = "reassigned" + (r.reason() == null ? "" : ": " + r.reason());
        return assign(ticket, r.ticketId(), r.teamId(), r.toAgentId(), reason, by, "reassignment");
    }

    /** Reflects an assignment: team and assignee, and → Assigned (a QUESTION → Accepted). */
    public Uni<Void> applyAssignment(Ticket ticket, TicketAssigned assigned) {
        return assign(
                ticket,
                assigned.ticketId(),
                assigned.teamId(),
                assigned.agentId(),
                "assigned by rule " + assigned.rule(),
                "routing-service",
                "assignment");
    }

    private Uni<Void> assign(
            Ticket ticket, UUID ticketId, String teamId, String agentId, String reason, String by, String what) {
        if (ticket == null) {
            return unknown(what, ticketId);
        }
        Instant now = now();
        List<EventData> events = new ArrayList<>();
        Map<String, String> changes = new LinkedHashMap<>();
        if (!Objects.equals(ticket.teamId, teamId)) {
            changes.put("team", teamId);
            ticket.teamId = teamId;
        }
        if (!Objects.equals(ticket.assigneeId, agentId)) {
            changes.put("assignee", agentId);
            ticket.assigneeId = agentId;
        }
        if (!changes.isEmpty()) {
            ticket.updatedAt = now;
            events.add(new TicketUpdated(ticket.id, changes, now));
        }
        TicketLifecycle.onAssigned(ticket.type, ticket.status)
                .ifPresent(to -> events.add(transition(ticket, to, reason, by, null, now)));
        return outbox.appendAll(events);
    }

    private TicketStatusChanged transition(
            Ticket ticket, TicketStatus to, String reason, String by, String byRole, Instant now) {
        TicketStatus from = ticket.status;
        ticket.status = to;
        ticket.updatedAt = now;
        if (to == TicketStatus.RESOLVED) {
            ticket.resolvedAt = now;
        }
        ticket.closedAt = to == TicketStatus.CLOSED ? now : null;
        // a status change applied from an event (a decision) is counted once its transaction committed
        EventInbox.afterCommit(() -> Counter.builder("ts.tickets.status.changes")
                .description("status transitions, by target status")
                .tag("to", to.name())
                .register(registry)
                .increment());
        return new TicketStatusChanged(
                ticket.id,
                ticket.type,
                from,
                to,
                reason,
                by,
                byRole,
                now,
                to == TicketStatus.RESOLVED ? TicketMapper.resolution(ticket) : null);
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
        EventInbox.afterCommit(() -> Counter.builder("ts.events.unknown.ticket")
                .description("events about tickets this service does not know")
                .register(registry)
                .increment());
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
