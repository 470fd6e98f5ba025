package io.ticketsuite.sla.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketCommentAdded;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketReassigned;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.kit.messaging.EventInbox;
import io.ticketsuite.kit.messaging.TicketRuns;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.reactive.InOrder;
import io.ticketsuite.sla.SlaClockRun;
import io.ticketsuite.sla.SlaPause;
import io.ticketsuite.sla.SlaPolicy;
import io.ticketsuite.sla.SlaThreshold;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Applies the events sla-service consumes to the ticket's clocks. Runs inside the consumer's transaction (the
 * kit's inbox, a batch at a time): locks the tickets' rows and their pending thresholds (an assignment, which moves no
 * clock, locks the row alone; a threshold firing at that moment addresses whoever was assigned before it), applies the
 * changes, persists new clocks and thresholds and appends the resulting events to the outbox, so they commit together.
 * A batch costs a few statements to read, whatever its number of tickets, and one flush to write.
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
        Change change = changeOf(data);
        if (change == null) {
            return Uni.createFrom().item(Applied.NOTHING);
        }
        return applyRuns(List.of(new Run(List.of(change), null))).map(all -> all.get(0));
    }

    /**
     * Applies a consumer batch's new events, ticket by ticket in the batch's order, each ticket's events in theirs, as
     * if one after the other. Set-based: every ticket's row is locked (or created) in one statement, and the clocks,
     * pending thresholds (locked) and pauses of the tickets whose clocks may move are read in one statement each;
     * the events change them in memory in turn, each ticket's in its own trace (the events it announces continue
     * it), and what they created is persisted together. Returns what each event that concerns the clocks did, in
     * order.
     */
    public Uni<List<Applied>> apply(List<EventInbox.TicketEvents> batch) {
        List<Run> runs = new ArrayList<>();
        for (EventInbox.TicketEvents ticket : batch) {
            List<Change> changes = new ArrayList<>(ticket.events().size());
            for (EventEnvelope<EventData> event : ticket.events()) {
                Change change = changeOf(event.data());
                if (change != null) {
                    changes.add(change);
                }
            }
            // a run per ticket, by the events' own ticket ids (a producer may have keyed a record otherwise)
            for (List<Change> run : TicketRuns.of(changes, Change::ticketId)) {
                runs.add(new Run(run, ticket));
            }
        }
        return applyRuns(runs);
    }

    /** Consecutive changes of one ticket, and the consumed events they came from (null: no trace to continue). */
    private record Run(List<Change> changes, EventInbox.TicketEvents source) {
        UUID ticketId() {
            return changes.get(0).ticketId();
        }

        boolean factsOnly() {
            return changes.stream().allMatch(Change::factsOnly);
        }

        <T> T inTrace(java.util.function.Supplier<T> work) {
            return source == null ? work.get() : source.inTrace(work);
        }
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

    /**
     * Applies runs of changes: the tickets' rows locked (or created) at once, the clocks, pending thresholds and pauses
     * of the tickets whose clocks may move read at once; a ticket whose runs only set its facts (an assignment) reads
     * its row alone. One {@link TicketSla} per ticket, its runs applied in order.
     */
    private Uni<List<Applied>> applyRuns(List<Run> runs) {
        if (runs.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Set<UUID> all = new LinkedHashSet<>();
        Set<UUID> clocked = new LinkedHashSet<>();
        for (Run run : runs) {
            all.add(run.ticketId());
            if (!run.factsOnly()) {
                clocked.add(run.ticketId());
            }
        }
        return tickets.upsertAllForUpdate(all, now)
                .chain(rows -> {
                    if (clocked.isEmpty()) {
                        return Uni.createFrom().item(apply(runs, rows, List.of(), List.of(), List.of(), now));
                    }
                    List<UUID> paused = clocked.stream()
                            .filter(id -> rows.get(id).hasPauses)
                            .toList();
                    return clocks.ofTickets(clocked)
                            .chain(runsOfClocks -> thresholds
                                    .pendingForUpdate(clocked)
                                    .chain(pending -> (paused.isEmpty()
                                                    ? Uni.createFrom().item(List.<SlaPause>of())
                                                    : pauses.ofTickets(paused))
                                            .map(pausesOf -> apply(runs, rows, runsOfClocks, pending, pausesOf, now))));
                })
                .chain(done -> {
                    Uni<Void> persist = done.created().isEmpty()
                            ? Uni.createFrom().voidItem()
                            : Panache.getSession()
                                    .chain(session ->
                                            session.persistAll(done.created().toArray()));
                    return persist.chain(() -> InOrder.all(done.appends())).replaceWith(done.applied());
                });
    }

    /** What applying the runs in memory did: per event, the entities to persist, the outbox appends (in order). */
    private record Done(List<Applied> applied, List<Object> created, List<Uni<Void>> appends) {}

    private Done apply(
            List<Run> runs,
            Map<UUID, SlaTicket> rows,
            List<SlaClockRun> runsOfClocks,
            List<SlaThreshold> pending,
            List<SlaPause> pausesOf,
            Instant now) {
        Map<UUID, List<SlaClockRun>> clocksBy = byTicket(runsOfClocks, run -> run.ticketId);
        Map<UUID, List<SlaThreshold>> pendingBy = byTicket(pending, threshold -> threshold.ticketId);
        Map<UUID, List<SlaPause>> pausesBy = byTicket(pausesOf, pause -> pause.ticketId);
        Map<UUID, TicketSla> slas = new LinkedHashMap<>();
        List<Applied> applied = new ArrayList<>();
        List<Uni<Void>> appends = new ArrayList<>();
        for (Run run : runs) {
            UUID id = run.ticketId();
            TicketSla sla = slas.computeIfAbsent(
                    id,
                    ticketId -> new TicketSla(
                            rows.get(ticketId),
                            clocksBy.getOrDefault(ticketId, List.of()),
                            pendingBy.getOrDefault(ticketId, List.of()),
                            pausesBy.getOrDefault(ticketId, List.of()),
                            policy,
                            now));
            int first = sla.events().size();
            int announced = first;
            int rescheduled = sla.recomputed().size();
            for (Change change : run.changes()) {
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
            List<EventData> announcedByRun = List.copyOf(sla.events().subList(first, announced));
            if (!announcedByRun.isEmpty()) {
                // the outbox row takes the trace current when it is made: this run's
                appends.add(run.inTrace(() -> outbox.appendAll(announcedByRun)));
            }
        }
        List<Object> created = new ArrayList<>();
        slas.values().forEach(sla -> created.addAll(sla.newEntities()));
        return new Done(applied, created, appends);
    }

    private static <T> Map<UUID, List<T>> byTicket(List<T> rows, Function<T, UUID> ticketOf) {
        Map<UUID, List<T>> by = new HashMap<>();
        for (T row : rows) {
            by.computeIfAbsent(ticketOf.apply(row), id -> new ArrayList<>()).add(row);
        }
        return by;
    }
}
