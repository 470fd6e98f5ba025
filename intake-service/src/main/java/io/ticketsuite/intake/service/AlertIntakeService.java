package io.ticketsuite.intake.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.Channel;
import io.ticketsuite.events.Resolution;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.Visibility;
import io.ticketsuite.intake.Ticket;
import io.ticketsuite.intake.alert.Alert;
import io.ticketsuite.intake.alert.AlertPayloads;
import io.ticketsuite.intake.config.IntakeConfig;
import io.ticketsuite.intake.repository.TicketRepository;
import io.ticketsuite.intake.rest.dto.CommentRequest;
import io.ticketsuite.intake.security.Actor;
import io.ticketsuite.kit.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Monitoring alerts in: each firing alert opens one ticket (channel MONITORING, for the configured internal customer)
 * and is remembered by fingerprint while that ticket is open ({@code alert_ticket}); the same alert firing again adds
 * nothing when it is a grouped re-send (same {@code startsAt}) and one comment with the new count when it fired anew;
 * {@code resolved} comments and (by default) resolves the ticket. One transaction per payload; alerts of one
 * fingerprint are serialised with a transaction-scoped advisory lock, so concurrent re-sends never make two tickets.
 */
@ApplicationScoped
public class AlertIntakeService {
    /** What became of one alert. */
    public enum Outcome {
        CREATED,
        REPEATED,
        UNCHANGED,
        RESOLVED,
        IGNORED
    }

    public record Result(String fingerprint, Outcome outcome, UUID ticketId, String ref) {}

    private record Open(UUID ticketId, Instant startsAt, int firings) {}

    private final TicketRepository tickets;
    private final TicketService ticketService;
    private final IntakeConfig config;
    private final Clock clock;
    private final MeterRegistry registry;

    public AlertIntakeService(
            TicketRepository tickets,
            TicketService ticketService,
            IntakeConfig config,
            Clock clock,
            MeterRegistry registry) {
        this.tickets = tickets;
        this.ticketService = ticketService;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
        if (!config.resolutionCategories().contains(config.monitoring().resolutionCategory())) {
            throw new IllegalStateException("intake.monitoring.resolution-category '"
                    + config.monitoring().resolutionCategory() + "' is not one of intake.resolution-categories "
                    + config.resolutionCategories());
        }
        for (String value : config.monitoring().severity().values()) {
            AlertPayloads.urgencyImpact(null, Map.of(), value); // fails at start on a bad entry
        }
    }

    /** Takes the alerts of one notification in, in one transaction; counted after it committed. */
    public Uni<List<Result>> receive(String source, List<Alert> alerts) {
        List<Ticket> created = new ArrayList<>();
        return Panache.withTransaction(() -> each(source, alerts, 0, new ArrayList<>(), created))
                .invoke(results -> {
                    created.forEach(ticketService::countCreated);
                    for (Result r : results) {
                        Counter.builder("ts.alerts.received")
                                .description("monitoring alerts received, by source and outcome")
                                .tag("source", source)
                                .tag("outcome", r.outcome().name().toLowerCase(Locale.ROOT))
                                .register(registry)
                                .increment();
                    }
                });
    }

    private Uni<List<Result>> each(
            String source, List<Alert> alerts, int i, List<Result> results, List<Ticket> created) {
        if (i >= alerts.size()) {
            return Uni.createFrom().item(results);
        }
        return one(source, alerts.get(i), created)
                .invoke(results::add)
                .chain(() -> each(source, alerts, i + 1, results, created));
    }

    private Uni<Result> one(String source, Alert alert, List<Ticket> created) {
        Instant now = now();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 11))) l",
                                Long.class)
                        .setParameter(1, "alert:" + alert.fingerprint())
                        .getSingleResult())
                .chain(() -> open(alert.fingerprint()))
                .chain(open -> open == null
                        ? Uni.createFrom().item((Ticket) null)
                        : tickets.findForUpdate(open.ticketId()).chain(ticket -> {
                            if (ticket != null
                                    && ticket.status != TicketStatus.RESOLVED
                                    && ticket.status != TicketStatus.CLOSED) {
                                return Uni.createFrom().item(ticket);
                            }
                            // its ticket was resolved or closed meanwhile: the alert is no longer tracked
                            return close(open.ticketId()).replaceWith((Ticket) null);
                        }))
                .chain(ticket -> open(alert.fingerprint()).chain(open -> {
                    if (ticket == null) {
                        return alert.firing()
                                ? create(source, alert, now)
                                        .invoke(created::add)
                                        .map(t -> result(alert, Outcome.CREATED, t))
                                : Uni.createFrom().item(new Result(alert.fingerprint(), Outcome.IGNORED, null, null));
                    }
                    return alert.firing() ? repeat(alert, ticket, open, now) : resolve(alert, ticket, now);
                }));
    }

    private static Result result(Alert alert, Outcome outcome, Ticket ticket) {
        return new Result(alert.fingerprint(), outcome, ticket.id, ticket.ref);
    }

    private Uni<Open> open(String fingerprint) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT CAST(ticket_id AS text), CAST(starts_at AS text), firings FROM alert_ticket"
                                        + " WHERE fingerprint = ?1 AND open",
                                Object[].class)
                        .setParameter(1, fingerprint)
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] row = rows.get(0);
                    Instant startsAt = row[1] == null ? null : parseTimestamp((String) row[1]);
                    return new Open(UUID.fromString((String) row[0]), startsAt, ((Number) row[2]).intValue());
                });
    }

    private static Instant parseTimestamp(String text) {
        // PostgreSQL's text form of timestamptz: 2026-11-29 10:00:00+00
        String iso = text.replace(' ', 'T');
        if (iso.matches(".*[+-]\\d\\d$")) {
            iso = iso + ":00";
        }
        return java.time.OffsetDateTime.parse(iso).toInstant();
    }

    private Uni<Void> close(UUID ticketId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "UPDATE alert_ticket SET open = FALSE, updated_at = now() WHERE ticket_id = CAST(?1 AS"
                                        + " uuid)")
                        .setParameter(1, ticketId.toString())
                        .executeUpdate())
                .replaceWithVoid();
    }

    private Uni<Ticket> create(String source, Alert alert, Instant now) {
        IntakeConfig.Monitoring monitoring = config.monitoring();
        String severity = alert.labels().get("severity");
        String[] urgencyImpact =
                AlertPayloads.urgencyImpact(severity, monitoring.severity(), monitoring.defaultSeverity());
        Ticket ticket = new Ticket();
        ticket.id = UUID.randomUUID();
        ticket.type = monitoring.ticketType();
        ticket.channel = Channel.MONITORING;
        ticket.status = TicketStatus.NEW;
        String name = alert.labels().getOrDefault("alertname", "alert");
        String summary =
                alert.annotations().getOrDefault("summary", alert.annotations().get("title"));
        ticket.subject = EmailIntakeService.truncate(
                summary == null || summary.isBlank() ? "Alert: " + name : summary.strip(), 200);
        ticket.description = EmailIntakeService.truncate(description(source, alert, urgencyImpact), 20_000);
        ticket.customerId = monitoring.customerId();
        ticket.customerTier = monitoring.customerTier();
        ticket.tags = tags(alert, urgencyImpact);
        ticket.externalId = EmailIntakeService.truncate(alert.fingerprint(), 200);
        ticket.createdAt = now;
        ticket.updatedAt = now;
        return ticketService
                .persistNew(ticket)
                .call(t -> Panache.getSession()
                        .chain(session -> session.flush()
                                .chain(() -> session.createNativeQuery(
                                                "INSERT INTO alert_ticket (ticket_id, fingerprint, source, starts_at, firings,"
                                                        + " open, created_at, updated_at) VALUES (CAST(?1 AS uuid), ?2, ?3,"
                                                        + " CAST(NULLIF(?4, '') AS timestamptz), 1, TRUE, ?5, ?5)")
                                        .setParameter(1, t.id.toString())
                                        .setParameter(2, alert.fingerprint())
                                        .setParameter(3, source)
                                        .setParameter(
                                                4,
                                                alert.startsAt() == null
                                                        ? ""
                                                        : alert.startsAt().toString())
                                        .setParameter(5, now.atOffset(ZoneOffset.UTC))
                                        .executeUpdate())));
    }

    private static String description(String source, Alert alert, String[] urgencyImpact) {
        StringBuilder text = new StringBuilder();
        String description = alert.annotations().get("description");
        if (description != null && !description.isBlank()) {
            text.append(description.strip()).append("\n\n");
        }
        text.append("Alert from ")
                .append(source)
                .append(": urgency ")
                .append(urgencyImpact[0])
                .append(", impact ")
                .append(urgencyImpact[1])
                .append('\n');
        alert.labels()
                .forEach((k, v) ->
                        text.append("- ").append(k).append(": ").append(v).append('\n'));
        if (alert.startsAt() != null) {
            text.append("Firing since ").append(alert.startsAt()).append('\n');
        }
        if (alert.generatorUrl() != null && !alert.generatorUrl().isBlank()) {
            text.append("Source: ").append(alert.generatorUrl()).append('\n');
        }
        return text.toString().strip();
    }

    /** Labels as tags ({@code key=value}, ≤ 50 characters each), plus urgency and impact; at most 20. */
    private static List<String> tags(Alert alert, String[] urgencyImpact) {
        List<String> tags = new ArrayList<>();
        tags.add("alert");
        tags.add("urgency:" + urgencyImpact[0].toLowerCase(Locale.ROOT));
        tags.add("impact:" + urgencyImpact[1].toLowerCase(Locale.ROOT));
        for (Map.Entry<String, String> label : alert.labels().entrySet()) {
            if (tags.size() >= 20) {
                break;
            }
            String tag = label.getKey() + "=" + label.getValue();
            tags.add(tag.length() > 50 ? tag.substring(0, 50) : tag);
        }
        return tags;
    }

    private Uni<Result> repeat(Alert alert, Ticket ticket, Open open, Instant now) {
        if (alert.startsAt() == null || alert.startsAt().equals(open.startsAt())) {
            return Uni.createFrom().item(result(alert, Outcome.UNCHANGED, ticket));
        }
        int firings = open.firings() + 1;
        String body = "The alert fired again (" + firings + " times in all), since " + alert.startsAt() + ".";
        return comment(ticket, body)
                .chain(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(
                                        "UPDATE alert_ticket SET firings = ?2, starts_at = CAST(CAST(?3 AS text) AS timestamptz),"
                                                + " updated_at = now() WHERE ticket_id = CAST(?1 AS uuid)")
                                .setParameter(1, ticket.id.toString())
                                .setParameter(2, firings)
                                .setParameter(3, alert.startsAt().toString())
                                .executeUpdate()))
                .replaceWith(result(alert, Outcome.REPEATED, ticket));
    }

    private Uni<Result> resolve(Alert alert, Ticket ticket, Instant now) {
        String when = alert.endsAt() == null ? now.toString() : alert.endsAt().toString();
        boolean resolveIt = config.monitoring().resolveOnResolved();
        Resolution resolution = new Resolution(
                config.monitoring().resolutionCategory(), "The monitoring alert resolved at " + when + ".", null);
        return comment(ticket, "The alert resolved at " + when + ".")
                .chain(() -> close(ticket.id))
                .chain(() -> !resolveIt
                        ? Uni.createFrom().item(false)
                        : ticketService
                                .moveLocked(
                                        ticket,
                                        TicketStatus.RESOLVED,
                                        "the alert resolved",
                                        "intake-service",
                                        resolution)
                                .chain(moved -> moved
                                        ? Uni.createFrom().item(true)
                                        : ticketService.moveLocked(
                                                ticket,
                                                TicketStatus.CLOSED,
                                                "the alert resolved",
                                                "intake-service",
                                                resolution)))
                .replaceWith(result(alert, Outcome.RESOLVED, ticket));
    }

    private Uni<Void> comment(Ticket ticket, String body) {
        Actor monitoring = Actor.staff("monitoring", Roles.CHANNEL);
        return ticketService
                .commentOnLocked(ticket, new CommentRequest(body, Visibility.INTERNAL), monitoring)
                .replaceWithVoid();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
