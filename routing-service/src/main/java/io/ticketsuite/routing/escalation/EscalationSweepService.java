package io.ticketsuite.routing.escalation;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.reactive.InOrder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves missed deadlines to the next level exactly once, however many replicas sweep: in one transaction it claims
 * due open escalations ({@code FOR UPDATE SKIP LOCKED}), marks each EXPIRED and opens (and announces) its next level,
 * or, when the ticket was resolved meanwhile, closes it. A row is expired and followed up together or not at all;
 * nothing lives in memory, so a restart neither loses nor repeats one.
 */
@ApplicationScoped
public class EscalationSweepService {
    private final EscalationRepository escalations;
    private final EscalationService service;
    private final EscalationMetrics metrics;
    private final Clock clock;
    private final int batchSize;

    public EscalationSweepService(
            EscalationRepository escalations,
            EscalationService service,
            EscalationMetrics metrics,
            Clock clock,
            EscalationConfig config) {
        this.escalations = escalations;
        this.service = service;
        this.metrics = metrics;
        this.clock = clock;
        this.batchSize = config.sweep().batchSize();
    }

    /** An escalation whose deadline passed, and the next level opened for it (null: none). */
    public record Swept(Escalation expired, Escalation next, String outcome) {}

    /** Sweeps everything due now, batch after batch; returns how many escalations expired. */
    public Uni<Integer> sweepDue() {
        return sweepBatch(clock.instant(), batchSize)
                .chain(swept -> swept.size() < batchSize
                        ? Uni.createFrom().item(swept.size())
                        : sweepDue().map(more -> more + swept.size()));
    }

    /** Sweeps up to {@code limit} escalations due at {@code now} in one transaction. */
    public Uni<List<Swept>> sweepBatch(Instant now, int limit) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> escalations.claimDue(at, limit).chain(due -> expireAll(due, at)))
                .invoke(swept -> swept.forEach(s -> {
                    metrics.expired(s.expired(), s.outcome());
                    if (s.next() != null) {
                        metrics.opened(s.next());
                    }
                }));
    }

    private Uni<List<Swept>> expireAll(List<Escalation> due, Instant now) {
        List<Swept> swept = new ArrayList<>();
        return InOrder.each(due, escalation -> expire(escalation, now).invoke(swept::add))
                .map(ignored -> swept);
    }

    private Uni<Swept> expire(Escalation escalation, Instant now) {
        return escalations.ticketOpen(escalation.ticketId).chain(open -> {
            if (!open && escalation.clusterId == null) {
                escalation.state = Escalation.State.CLOSED;
                escalation.closedAt = now;
                return Uni.createFrom().item(new Swept(escalation, null, "ticket-closed"));
            }
            escalation.state = Escalation.State.EXPIRED;
            escalation.expiredAt = now;
            return service.openNextLevel(escalation, now)
                    .map(next -> new Swept(escalation, next, next == null ? "last-level" : "next-level"));
        });
    }
}
