package io.ticketsuite.sla.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketCommentAdded;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketReassigned;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.kit.messaging.TicketRuns;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.sla.SlaPause;
import io.ticketsuite.sla.SlaPolicy;
import io.ticketsuite.sla.SlaTicket;
import io.ticketsuite.sla.TicketSla;
import io.ticketsuite.sla.mapping.CustomerZone;
import io.ticketsuite.sla.mapping.SlaMapper;
import io.ticketsuite.sla.repository.SlaClockEventRepository;
import io.ticketsuite.sla.repository.SlaClockRepository;
import io.ticketsuite.sla.repository.SlaPauseRepository;
import io.ticketsuite.sla.repository.SlaThresholdRepository;
import io.ticketsuite.sla.repository.SlaTicketRepository;
import io.ticketsuite.sla.rest.dto.SlaResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Applies the events sla-service consumes to the ticket's clocks. Runs inside the consumer's transaction (the
 * kit's inbox): locks the ticket's row and its pending thresholds (an assignment, which moves no clock, locks the row
 * alone; a threshold firing at that moment addresses whoever was assigned before it), applies the change, persists new
 * clocks and thresholds and appends the resulting events to the outbox, so they commit together.
 */
@ApplicationScoped
public class SlaService {
    private final SlaTicketRepository tickets;
    private final SlaClockRepository clocks;
    private final SlaThresholdRepository thresholds;
    private final SlaPauseRepository pauses;
    private final SlaClockEventRepository history;
    private final SlaPolicy policy;
    private final OutboxWriter outbox;
    private final Clock clock;

    public SlaService(
            SlaTicketRepository tickets,
            SlaClockRepository clocks,
            SlaThresholdRepository thresholds,
            SlaPauseRepository pauses,
            SlaClockEventRepository history,
            SlaPolicy policy,
            OutboxWriter outbox,
            Clock clock) {
        this.tickets = tickets;
        this.clocks = clocks;
        this.thresholds = thresholds;
        this.pauses = pauses;
        this.history = history;
        this.policy = policy;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What applying an event did: the events it announced, the clocks it rescheduled, the ticket's priority. */
    public record Applied(List<EventData> events, List<SlaClock> recomputed, Priority priority) {
        static final Applied NOTHING = new Applied(List.of(), List.of(), null);
    }

    /** Applies one consumed event (events that do not concern the clocks change nothing). */
    public Uni<Applied> apply(EventData data) {
        return apply(List.of(data)).map(all -> all.isEmpty() ? Applied.NOTHING : all.get(0));
    }

    /**
     * Applies consumed events in their order, as if one after the other: for each run of consecutive events about
     * one ticket (the kit's inbox hands a ticket's events of a batch together) the ticket's row is locked and its
     * clocks, thresholds and pauses are read once, the events change them in memory in turn, and what they created
     * is persisted once. Returns what each event that concerns the clocks did, in order.
     */
    public Uni<List<Applied>> apply(List<EventData> events) {
        List<Change> changes = new ArrayList<>(events.size());
        for (EventData data : events) {
            Change change = changeOf(data);
            if (change != null) {
                changes.add(change);
            }
        }
        Uni<List<Applied>> done = Uni.createFrom().item(new ArrayList<>());
        for (List<Change> run : TicketRuns.of(changes, Change::ticketId)) {
            done = done.chain(applied -> change(run).map(more -> {
                applied.addAll(more);
                return applied;
            }));
        }
        return done;
    }

    /**
     * What one event does to its ticket's SLA; {@code factsOnly}: it sets the ticket's own facts and never reads or
     * moves a clock (who handles the ticket).
     */
    private record Change(UUID ticketId, Consumer<TicketSla> change, boolean factsOnly) {
        Change(UUID ticketId, Consumer<TicketSla> change) {
            this(ticketId, change, false);
        }
    }

    /** The change an event makes, or null for an event that does not concern the clocks. */
    private static Change changeOf(EventData data) {
        if (data instanceof TicketCreated c) {
            return new Change(
                    c.ticketId(),
                    sla -> sla.created(
                            c.createdAt(), c.type(), c.customer().tier(), CustomerZone.of(c.customer()), c.status()));
        }
        if (data instanceof TicketTriaged t) {
            return new Change(t.ticketId(), sla -> sla.prioritised(t.priority(), "triaged", t.triagedAt()));
        }
        if (data instanceof TicketReclassified r) {
            return new Change(r.ticketId(), sla -> sla.prioritised(r.priority(), reclassified(r), r.reclassifiedAt()));
        }
        if (data instanceof TicketAssigned a) {
            return new Change(a.ticketId(), sla -> sla.assigned(a.agentId(), a.teamId(), a.teamLeadId()), true);
        }
        if (data instanceof TicketReassigned r) {
            return new Change(r.ticketId(), sla -> sla.reassigned(r.toAgentId(), r.teamId()), true);
        }
        if (data instanceof TicketCommentAdded c) {
            return new Change(c.ticketId(), sla -> sla.commented(c.authorRole(), c.visibility(), c.createdAt()));
        }
        if (data instanceof TicketStatusChanged s) {
            return new Change(s.ticketId(), sla -> sla.statusChanged(s.to(), s.changedAt()));
        }
        return null;
    }

    /** How the timeline explains a recomputation after a reclassification: who and why, when known. */
    static String reclassified(TicketReclassified r) {
        StringBuilder why = new StringBuilder("reclassified");
        if (r.reclassifiedBy() != null) {
            why.append(" by ").append(r.reclassifiedBy());
        }
        if (r.reason() != null && !r.reason().isBlank()) {
            why.append(": ").append(r.reason());
        }
        return why.toString();
    }

    /** The ticket's SLA as of now. */
    @WithSession
    public Uni<SlaResponse> view(UUID ticketId) {
        return tickets.findById(ticketId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("ticket", ticketId))
                .chain(ticket -> clocks.ofTicket(ticketId)
                        .chain(runs -> thresholds
                                .ofTicket(ticketId)
                                .chain(all -> pauses.ofTicket(ticketId)
                                        .chain(paused -> history.ofTicket(ticketId)
                                                .map(steps -> SlaMapper.toResponse(
                                                        ticket, runs, all, paused, steps, policy, clock.instant()))))));
    }

    /** The ticket's pauses; not read for a ticket none of whose clocks was ever paused (most tickets). */
    private Uni<List<SlaPause>> pausesOf(SlaTicket ticket) {
        return ticket.hasPauses
                ? pauses.ofTicket(ticket.ticketId)
                : Uni.createFrom().item(List.of());
    }

    /**
     * Applies a run of one ticket's changes to its SLA, loaded (row-locked) once; what each change did. A run that
     * only sets the ticket's facts (an assignment) reads the ticket's row alone.
     */
    private Uni<List<Applied>> change(List<Change> run) {
        UUID ticketId = run.get(0).ticketId();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean factsOnly = run.stream().allMatch(Change::factsOnly);
        return tickets.upsertForUpdate(ticketId, now)
                .chain(ticket -> factsOnly
                        ? Uni.createFrom().item(new TicketSla(ticket, List.of(), List.of(), List.of(), policy, now))
                        : clocks.ofTicket(ticketId)
                                .chain(runs -> thresholds
                                        .pendingForUpdate(ticketId)
                                        .chain(pending -> pausesOf(ticket)
                                                .map(paused ->
                                                        new TicketSla(ticket, runs, pending, paused, policy, now)))))
                .chain(sla -> {
                    List<Applied> applied = new ArrayList<>(run.size());
                    int announced = 0;
                    int rescheduled = 0;
                    for (Change change : run) {
                        change.change().accept(sla);
                        List<EventData> events = sla.events();
                        List<SlaClock> recomputed = sla.recomputed();
                        applied.add(new Applied(
                                List.copyOf(events.subList(announced, events.size())),
                                List.copyOf(recomputed.subList(rescheduled, recomputed.size())),
                                sla.ticket().priority));
                        announced = events.size();
                        rescheduled = recomputed.size();
                    }
                    List<Object> created = sla.newEntities();
                    Uni<Void> persist = created.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : Panache.getSession().chain(session -> session.persistAll(created.toArray()));
                    return persist.chain(() -> outbox.appendAll(sla.events())).replaceWith(applied);
                });
    }
}
