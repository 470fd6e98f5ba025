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
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.sla.SlaPolicy;
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
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Applies the events sla-service consumes to the ticket's clocks. Runs inside the consumer's transaction (the
 * kit's inbox): locks the ticket's row and its pending thresholds, applies the change, persists new clocks and
 * thresholds and appends the resulting events to the outbox, so they commit together.
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
        if (data instanceof TicketCreated c) {
            return change(
                    c.ticketId(),
                    sla -> sla.created(
                            c.createdAt(), c.type(), c.customer().tier(), CustomerZone.of(c.customer()), c.status()));
        }
        if (data instanceof TicketTriaged t) {
            return change(t.ticketId(), sla -> sla.prioritised(t.priority(), "triaged", t.triagedAt()));
        }
        if (data instanceof TicketReclassified r) {
            return change(r.ticketId(), sla -> sla.prioritised(r.priority(), reclassified(r), r.reclassifiedAt()));
        }
        if (data instanceof TicketAssigned a) {
            return change(a.ticketId(), sla -> sla.assigned(a.agentId(), a.teamId(), a.teamLeadId()));
        }
        if (data instanceof TicketReassigned r) {
            return change(r.ticketId(), sla -> sla.reassigned(r.toAgentId(), r.teamId()));
        }
        if (data instanceof TicketCommentAdded c) {
            return change(c.ticketId(), sla -> sla.commented(c.authorRole(), c.visibility(), c.createdAt()));
        }
        if (data instanceof TicketStatusChanged s) {
            return change(s.ticketId(), sla -> sla.statusChanged(s.to(), s.changedAt()));
        }
        return Uni.createFrom().item(Applied.NOTHING);
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

    private Uni<Applied> change(UUID ticketId, Consumer<TicketSla> change) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return tickets.upsertForUpdate(ticketId, now)
                .chain(ticket -> clocks.ofTicket(ticketId)
                        .chain(runs -> thresholds
                                .pendingForUpdate(ticketId)
                                .chain(pending -> pauses.ofTicket(ticketId)
                                        .map(paused -> new TicketSla(ticket, runs, pending, paused, policy, now)))))
                .chain(sla -> {
                    change.accept(sla);
                    List<Object> created = sla.newEntities();
                    Uni<Void> persist = created.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : Panache.getSession().chain(session -> session.persistAll(created.toArray()));
                    return persist.chain(() -> outbox.appendAll(sla.events()))
                            .replaceWith(new Applied(sla.events(), sla.recomputed(), sla.ticket().priority));
                });
    }
}
