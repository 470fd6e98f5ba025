package io.ticketsuite.sla.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.SlaThresholdReached;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.ticketsuite.sla.SlaClockRun;
import io.ticketsuite.sla.SlaThreshold;
import io.ticketsuite.sla.SlaTicket;
import io.ticketsuite.sla.ThresholdEvents;
import io.ticketsuite.sla.config.SlaConfig;
import io.ticketsuite.sla.repository.SlaClockRepository;
import io.ticketsuite.sla.repository.SlaThresholdRepository;
import io.ticketsuite.sla.repository.SlaTicketRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Fires due thresholds exactly once, however many replicas run it: in one transaction it claims due rows
 * ({@code FOR UPDATE SKIP LOCKED}), appends one event per row to the outbox and stamps {@code fired_at}. A row is
 * either fired and stamped together or not at all, so a crash or a restart never loses nor repeats one; rows that
 * came due while the service was down are simply due rows. No timers live in memory.
 */
@ApplicationScoped
public class ThresholdFiringService {
    private final SlaThresholdRepository thresholds;
    private final SlaClockRepository clocks;
    private final SlaTicketRepository tickets;
    private final OutboxWriter outbox;
    private final SlaMetrics metrics;
    private final Clock clock;
    private final int batchSize;

    public ThresholdFiringService(
            SlaThresholdRepository thresholds,
            SlaClockRepository clocks,
            SlaTicketRepository tickets,
            OutboxWriter outbox,
            SlaMetrics metrics,
            Clock clock,
            SlaConfig config) {
        this.thresholds = thresholds;
        this.clocks = clocks;
        this.tickets = tickets;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
        this.batchSize = config.scheduler().batchSize();
    }

    /** A threshold this instance fired: its event and the instant it was due. */
    public record Fired(SlaThresholdReached event, Instant dueAt) {}

    /** Fires every threshold due now, batch after batch (one transaction each); returns how many fired. */
    public Uni<Integer> fireDue() {
        return fireBatch(clock.instant(), batchSize)
                .chain(fired -> fired.size() < batchSize
                        ? Uni.createFrom().item(fired.size())
                        : fireDue().map(more -> more + fired.size()));
    }

    /** Fires up to {@code limit} thresholds due at {@code now} in one transaction. */
    public Uni<List<Fired>> fireBatch(Instant now, int limit) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> thresholds
                        .claimDue(at, limit)
                        .chain(due -> due.isEmpty() ? Uni.createFrom().item(List.<Fired>of()) : fire(due, at)))
                .invoke(fired -> {
                    metrics.published(fired.stream().map(Fired::event).toList(), null);
                    fired.forEach(f -> metrics.fireDelay(
                            Duration.between(f.dueAt(), f.event().firedAt())));
                });
    }

    private Uni<List<Fired>> fire(List<SlaThreshold> due, Instant now) {
        Set<UUID> ids = due.stream().map(t -> t.ticketId).collect(Collectors.toSet());
        return clocks.ofTickets(ids)
                .chain(runs -> tickets.list("ticketId in ?1", ids).chain(found -> {
                    Map<String, SlaClockRun> runByClock = runs.stream()
                            .collect(Collectors.toMap(r -> r.ticketId + "/" + r.clock, Function.identity()));
                    Map<UUID, SlaTicket> ticketById =
                            found.stream().collect(Collectors.toMap(t -> t.ticketId, Function.identity()));
                    List<Fired> fired = new ArrayList<>();
                    for (SlaThreshold threshold : due) {
                        SlaClockRun run = runByClock.get(threshold.ticketId + "/" + threshold.clock);
                        if (run == null || !run.running() || run.cycle != threshold.cycle) {
                            // its clock stopped or restarted without cancelling it: never fire a stale threshold
                            threshold.cancelledAt = now;
                            continue;
                        }
                        threshold.firedAt = now;
                        fired.add(new Fired(
                                ThresholdEvents.reached(threshold, run, ticketById.get(threshold.ticketId), now),
                                threshold.fireAt));
                    }
                    return outbox.appendAll(fired.stream().map(Fired::event).toList())
                            .replaceWith(fired);
                }));
    }
}
