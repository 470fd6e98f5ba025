package io.ticketsuite.reporting.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.IssueRecurringDetected;
import io.ticketsuite.kit.messaging.EventInbox;
import io.ticketsuite.kit.messaging.TicketRuns;
import io.ticketsuite.kit.reactive.InOrder;
import io.ticketsuite.reporting.ReportProjection;
import io.ticketsuite.reporting.ReportSummary;
import io.ticketsuite.reporting.ReportTicket;
import io.ticketsuite.reporting.ReportWindow;
import io.ticketsuite.reporting.config.ReportingConfig;
import io.ticketsuite.reporting.kpi.PeriodAssembler;
import io.ticketsuite.reporting.kpi.PeriodAssembler.Granularity;
import io.ticketsuite.reporting.kpi.PeriodReport;
import io.ticketsuite.reporting.kpi.SummaryAssembler;
import io.ticketsuite.reporting.metrics.ReportingMetrics;
import io.ticketsuite.reporting.repository.ReportQueries;
import io.ticketsuite.reporting.repository.ReportQueries.Cursor;
import io.ticketsuite.reporting.repository.ReportQueries.TicketLine;
import io.ticketsuite.reporting.repository.ReportTicketRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps the read model: applies each event to its ticket's row (locked, in the consumer's transaction; the
 * database's trigger keeps the per-day aggregates) and feeds the event-driven metrics. Answers the summary, the
 * periods and the tickets of a window from SQL.
 */
@ApplicationScoped
public class ReportingService {
    /** Rows per query while streaming the tickets CSV. */
    static final int PAGE = 500;

    private static final String CLUSTER = "INSERT INTO report_cluster (cluster_key, signature, category, detected_at)"
            + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (cluster_key) DO UPDATE SET signature = EXCLUDED.signature,"
            + " category = coalesce(EXCLUDED.category, report_cluster.category), detected_at = EXCLUDED.detected_at"
            + " WHERE report_cluster.detected_at IS NULL OR EXCLUDED.detected_at >= report_cluster.detected_at";
    /** The members in one statement, in the order given (sorted: the same lock order in every transaction). */
    private static final String CLUSTER_TICKETS = "INSERT INTO report_cluster_ticket (cluster_key, ticket_id)"
            + " SELECT ?1, m FROM unnest(string_to_array(?2, ',')::uuid[]) WITH ORDINALITY AS u(m, i) ORDER BY i"
            + " ON CONFLICT DO NOTHING";

    private final ReportTicketRepository tickets;
    private final ReportQueries queries;
    private final ReportingMetrics metrics;
    private final ReportingConfig config;
    private final Clock clock;

    public ReportingService(
            ReportTicketRepository tickets,
            ReportQueries queries,
            ReportingMetrics metrics,
            ReportingConfig config,
            Clock clock) {
        this.tickets = tickets;
        this.queries = queries;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Applies a consumer batch's events inside the kit inbox's transaction (the rows are written when it commits, in
     * one flush): the rows of all the batch's tickets are locked (or created) at once, then each ticket's events are
     * applied to its row in their order, so the aggregate trigger fires once per ticket instead of once per event.
     * Grouped by the events' own ticket ids, not trusting that every producer keyed its records by them.
     */
    public Uni<Void> apply(List<EventInbox.TicketEvents> batch) {
        List<List<EventData>> runs = new ArrayList<>();
        List<EventInbox.TicketEvents> sources = new ArrayList<>();
        Set<UUID> ids = new LinkedHashSet<>();
        for (EventInbox.TicketEvents ticket : batch) {
            List<EventData> events =
                    ticket.events().stream().map(EventEnvelope::data).toList();
            for (List<EventData> same : TicketRuns.of(events, EventData::ticketId)) {
                runs.add(same);
                sources.add(ticket);
                ids.add(same.get(0).ticketId());
            }
        }
        return tickets.lockAll(ids).chain(rows -> {
            List<IssueRecurringDetected> clusters = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                List<EventData> same = runs.get(i);
                ReportTicket row = rows.get(same.get(0).ticketId());
                sources.get(i).inTrace(() -> {
                    for (EventData data : same) {
                        ReportProjection.Applied applied = ReportProjection.apply(row, data, clock.instant());
                        applied.breach().ifPresent(metrics::breach);
                        applied.assignmentLatency().ifPresent(metrics::assignmentLatency);
                    }
                    return null;
                });
                for (EventData data : same) {
                    if (data instanceof IssueRecurringDetected recurring) {
                        clusters.add(recurring);
                    }
                }
            }
            return InOrder.each(clusters, this::cluster);
        });
    }

    /** A cluster and its members: a set union, so any order and any repetition give the same tables. */
    private Uni<Void> cluster(IssueRecurringDetected r) {
        String key = r.clusterId() != null ? r.clusterId().toString() : r.signature();
        List<UUID> members = new java.util.ArrayList<>(r.relatedTicketIds() == null ? List.of() : r.relatedTicketIds());
        if (!members.contains(r.ticketId())) {
            members.add(r.ticketId());
        }
        members.sort(null);
        String ids = String.join(",", members.stream().map(UUID::toString).toList());
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(CLUSTER)
                        .setParameter(1, key)
                        .setParameter(2, r.signature())
                        .setParameter(
                                3, r.category() == null ? null : r.category().toLowerCase(java.util.Locale.ROOT))
                        .setParameter(4, r.detectedAt().truncatedTo(ChronoUnit.MICROS))
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery(CLUSTER_TICKETS)
                                .setParameter(1, key)
                                .setParameter(2, ids)
                                .executeUpdate())
                        .replaceWithVoid());
    }

    /** The summary of the whole UTC days covering the window. */
    public Uni<ReportSummary> summary(ReportWindow requested) {
        ReportWindow window = requested.clamped();
        LocalDate fromDay = day(window.from());
        LocalDate toDay = ceilDay(window.to());
        Instant from = fromDay.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = toDay.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant now = clock.instant();
        return Uni.combine()
                .all()
                .unis(
                        queries.dimensions(fromDay, toDay),
                        queries.histograms(fromDay, toDay),
                        queries.backlog(now),
                        queries.recurring(from, to, config.topIssues()))
                .with((dims, hists, backlog, recurring) ->
                        SummaryAssembler.assemble(from, to, now, dims, hists, backlog, recurring, config));
    }

    /** One row per period covering the window, each with its change against the previous period. */
    public Uni<PeriodReport> periods(ReportWindow requested, Granularity g) {
        ReportWindow window = requested.clamped();
        LocalDate from = g.start(day(window.from()));
        LocalDate to = g.ceil(ceilDay(window.to()));
        if (to.equals(from)) {
            to = g.next(from);
        }
        if (g.count(from, to) > PeriodAssembler.MAX_PERIODS) {
            throw io.ticketsuite.kit.problem.ProblemException.validation(
                    List.of(new io.ticketsuite.kit.problem.Problem.FieldError(
                            "from",
                            "the window holds more than " + PeriodAssembler.MAX_PERIODS + " periods of a " + g.sql())));
        }
        LocalDate start = from;
        LocalDate end = to;
        LocalDate previous = g.previous(from);
        return Uni.combine()
                .all()
                .unis(queries.periods(previous, end, g.sql()), queries.periodHistograms(previous, end, g.sql()))
                .with((totals, hists) -> PeriodAssembler.assemble(g, start, end, totals, hists));
    }

    /** The tickets created in the window, oldest first, read page by page as the consumer asks for them. */
    public Multi<TicketLine> tickets(ReportWindow requested) {
        ReportWindow window = requested.clamped();
        Instant from = window.from();
        Instant to = window.to();
        Cursor[] cursor = {new Cursor(from.minus(1, ChronoUnit.MICROS), new UUID(0, 0))};
        return Multi.createBy()
                .repeating()
                .uni(() -> queries.ticketPage(from, to, cursor[0], PAGE).invoke(page -> {
                    if (!page.isEmpty()) {
                        TicketLine last = page.get(page.size() - 1);
                        cursor[0] = new Cursor(last.createdAt(), last.ticketId());
                    }
                }))
                .whilst(page -> page.size() == PAGE)
                .onItem()
                .transformToIterable(page -> page);
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static LocalDate ceilDay(Instant instant) {
        LocalDate day = day(instant);
        return day.atStartOfDay().toInstant(ZoneOffset.UTC).equals(instant) ? day : day.plusDays(1);
    }
}
