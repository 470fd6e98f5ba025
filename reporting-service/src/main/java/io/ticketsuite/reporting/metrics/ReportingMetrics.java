package io.ticketsuite.reporting.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.SlaBreached;
import io.ticketsuite.kit.messaging.EventInbox;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The read model as Prometheus metrics: gauges of open tickets (by priority and team) and of SLA clocks at risk,
 * recomputed from the database every {@code reporting.metrics.refresh}; a counter of breaches and a histogram of
 * assignment latency (created → first assignment), fed as events are applied.
 */
@ApplicationScoped
public class ReportingMetrics {
    private static final Logger LOG = Logger.getLogger(ReportingMetrics.class);
    /**
     * The open tickets' rows: two index-only reads that together are "created, not resolved or closed" — the partial
     * index of open statuses ({@code report_ticket_open_created_idx}, V4) and the one of tickets whose status is not
     * known yet ({@code report_ticket_status_unknown_idx}, V5). One condition {@code status IS NULL OR status NOT IN
     * (...)} would make PostgreSQL read the whole table, whose closed history only grows.
     */
    private static final String OPEN_ROWS = "SELECT priority, team, response_warned, response_breached,"
            + " response_met_within, resolution_warned, resolution_breached, resolution_met_within FROM report_ticket"
            + " WHERE status NOT IN ('RESOLVED', 'CLOSED') AND created_at IS NOT NULL"
            + " UNION ALL SELECT priority, team, response_warned, response_breached, response_met_within,"
            + " resolution_warned, resolution_breached, resolution_met_within FROM report_ticket"
            + " WHERE status IS NULL AND created_at IS NOT NULL";

    static final String OPEN_BY_PRIORITY_AND_TEAM = "SELECT COALESCE(priority, 'untriaged') AS priority,"
            + " COALESCE(team, 'unassigned') AS team, count(*) AS n FROM (" + OPEN_ROWS + ") open GROUP BY 1, 2";
    static final String AT_RISK = "SELECT"
            + " count(*) FILTER (WHERE response_warned AND NOT response_breached AND response_met_within IS NULL) AS response,"
            + " count(*) FILTER (WHERE resolution_warned AND NOT resolution_breached AND resolution_met_within IS NULL)"
            + " AS resolution FROM (" + OPEN_ROWS + ") open";

    private final MeterRegistry registry;
    private final Pool pool;
    private final MultiGauge openTickets;
    private final MultiGauge clocksAtRisk;
    private final Timer assignmentLatency;
    private volatile boolean stopping;

    public ReportingMetrics(MeterRegistry registry, Pool pool) {
        this.registry = registry;
        this.pool = pool;
        this.openTickets = MultiGauge.builder("ts.reporting.tickets.open")
                .description("open tickets (created, not resolved or closed), by priority and team")
                .register(registry);
        this.clocksAtRisk = MultiGauge.builder("ts.reporting.sla.clocks.at.risk")
                .description("SLA clocks of open tickets warned at 75 % or more, neither met nor breached, by clock")
                .register(registry);
        this.assignmentLatency = Timer.builder("ts.reporting.assignment.latency")
                .description("time from ticket creation to its first assignment")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofDays(7))
                .register(registry);
    }

    /** Counted once the consumer's transaction committed. */
    public void breach(SlaBreached breach) {
        EventInbox.afterCommit(() -> Counter.builder("ts.reporting.sla.breaches")
                .description("SLA breaches seen, by clock and priority")
                .tag("clock", breach.clock().name().toLowerCase(Locale.ROOT))
                .tag("priority", breach.priority().name())
                .register(registry)
                .increment());
    }

    /** Recorded once the consumer's transaction committed. */
    public void assignmentLatency(Duration latency) {
        EventInbox.afterCommit(() -> assignmentLatency.record(latency.isNegative() ? Duration.ZERO : latency));
    }

    @Scheduled(
            identity = "reporting-gauges",
            every = "${reporting.metrics.refresh:15s}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> refresh() {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> open = pool.query(OPEN_BY_PRIORITY_AND_TEAM)
                .execute()
                .invoke(rows -> {
                    List<MultiGauge.Row<?>> gaugeRows = new ArrayList<>();
                    for (Row row : rows) {
                        gaugeRows.add(MultiGauge.Row.of(
                                Tags.of("priority", row.getString("priority"), "team", row.getString("team")),
                                row.getLong("n")));
                    }
                    openTickets.register(gaugeRows, true);
                })
                .replaceWithVoid();
        Uni<Void> atRisk = pool.query(AT_RISK)
                .execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    clocksAtRisk.register(
                            List.of(
                                    MultiGauge.Row.of(Tags.of("clock", "response"), row.getLong("response")),
                                    MultiGauge.Row.of(Tags.of("clock", "resolution"), row.getLong("resolution"))),
                            true);
                })
                .replaceWithVoid();
        return open.chain(() -> atRisk).onFailure().recoverWithItem(e -> {
            if (!stopping) {
                LOG.warnf("cannot refresh the reporting gauges: %s", e.toString());
            }
            return null;
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }
}
