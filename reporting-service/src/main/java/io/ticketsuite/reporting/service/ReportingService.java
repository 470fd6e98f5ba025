package io.ticketsuite.reporting.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventData;
import io.ticketsuite.reporting.ReportProjection;
import io.ticketsuite.reporting.ReportSummary;
import io.ticketsuite.reporting.ReportWindow;
import io.ticketsuite.reporting.SummaryCalculator;
import io.ticketsuite.reporting.metrics.ReportingMetrics;
import io.ticketsuite.reporting.repository.ReportTicketRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Keeps the read model: applies each event to its ticket's row (locked, in the consumer's transaction) and feeds
 * the event-driven metrics; answers the summary of a window.
 */
@ApplicationScoped
public class ReportingService {
    private final ReportTicketRepository tickets;
    private final ReportingMetrics metrics;
    private final Clock clock;

    public ReportingService(ReportTicketRepository tickets, ReportingMetrics metrics, Clock clock) {
        this.tickets = tickets;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Runs inside the kit inbox's transaction; the row is written when it commits. */
    public Uni<Void> apply(EventData data) {
        return tickets.lock(data.ticketId())
                .map(row -> ReportProjection.apply(row, data, clock.instant()))
                .invoke(applied -> {
                    applied.breach().ifPresent(metrics::breach);
                    applied.assignmentLatency().ifPresent(metrics::assignmentLatency);
                })
                .replaceWithVoid();
    }

    @WithSession
    public Uni<ReportSummary> summary(ReportWindow window) {
        return tickets.createdBetween(window.from(), window.to())
                .map(rows -> SummaryCalculator.summarize(window.from(), window.to(), rows));
    }
}
