package io.ticketsuite.notification.csat;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.CsatSubmitted;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.security.Caller;
import io.ticketsuite.notification.Notification;
import io.ticketsuite.notification.TicketInfo;
import io.ticketsuite.notification.email.EmailQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/**
 * Customer satisfaction: a resolution (ticket.status-changed to RESOLVED) opens one answer and puts a question in
 * the customer's in-app inbox (and, like every customer notice, in their mailbox); the ticket's customer answers once per resolution, and the answer is published as
 * csat.submitted through the outbox in the same transaction.
 */
@ApplicationScoped
public class CsatService {
    /** The in-app message's kind (the inbox's {@code kind}). */
    public static final String ASK_KIND = "csat-request";

    private static final String OPEN =
            "INSERT INTO csat_resolution (ticket_id, resolved_at) VALUES (?1, ?2)" + " ON CONFLICT DO NOTHING";
    private static final String TICKET =
            "SELECT type, subject, customer_id, customer_email FROM notification_ticket WHERE ticket_id = ?1";
    private static final String ASK = "INSERT INTO notification (id, recipient, recipient_role, kind, ticket_id,"
            + " subject, body, source_event_id, created_at) VALUES (?1, ?2, 'CUSTOMER', ?3, ?4, ?5, ?6, ?7, ?8)"
            + " ON CONFLICT DO NOTHING";
    private static final String LATEST = "SELECT resolved_at, answered_at FROM csat_resolution WHERE ticket_id = ?1"
            + " ORDER BY resolved_at DESC LIMIT 1";
    private static final String ANSWER = "UPDATE csat_resolution SET score = ?3, comment = ?4, answered_by = ?5,"
            + " answered_at = ?6 WHERE ticket_id = ?1 AND resolved_at = ?2 AND answered_at IS NULL";

    private final OutboxWriter outbox;
    private final Clock clock;
    private final EmailQueue emails;

    public CsatService(OutboxWriter outbox, Clock clock, EmailQueue emails) {
        this.outbox = outbox;
        this.clock = clock;
        this.emails = emails;
    }

    /** In the consumer's transaction: a resolution opens an answer and asks the customer (once per event). */
    public Uni<Void> onStatusChanged(UUID eventId, TicketStatusChanged changed) {
        if (changed.to() != TicketStatus.RESOLVED) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime resolvedAt =
                changed.changedAt().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(OPEN)
                        .setParameter(1, changed.ticketId())
                        .setParameter(2, resolvedAt)
                        .executeUpdate()
                        .chain(() -> ticket(changed.ticketId()))
                        .chain(ticket -> {
                            if (ticket == null
                                    || ticket.internal()
                                    || ticket.customerAddress().isEmpty()) {
                                return Uni.createFrom().voidItem();
                            }
                            UUID askId = UUID.randomUUID();
                            return session.createNativeQuery(ASK)
                                    .setParameter(1, askId)
                                    .setParameter(2, ticket.customerAddress().get())
                                    .setParameter(3, ASK_KIND)
                                    .setParameter(4, changed.ticketId())
                                    .setParameter(
                                            5, "How did we do? " + (ticket.subject() == null ? "" : ticket.subject()))
                                    .setParameter(6, askBody(ticket))
                                    .setParameter(7, askId(eventId))
                                    .setParameter(8, clock.instant().atOffset(ZoneOffset.UTC))
                                    .executeUpdate()
                                    // a question just asked in the inbox is also mailed (once: a redelivered
                                    // resolution inserts nothing)
                                    .chain(inserted -> inserted == 0
                                            ? Uni.createFrom().<Boolean>item(false)
                                            : session.find(Notification.class, askId)
                                                    .chain(n -> n == null
                                                            ? Uni.createFrom().item(false)
                                                            : emails.enqueue(n)))
                                    .replaceWithVoid();
                        }));
    }

    /** The customer's answer for the ticket's latest resolution. */
    @WithTransaction
    public Uni<CsatSubmitted> submit(UUID ticketId, int score, String comment, Caller caller) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return ticket(ticketId)
                .invoke(ticket -> {
                    if (ticket == null || !ownedBy(ticket, caller)) {
                        throw ProblemException.notFound("ticket", ticketId);
                    }
                })
                .chain(ticket -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(LATEST, Object[].class)
                                .setParameter(1, ticketId)
                                .getResultList()))
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        throw new ProblemException(
                                409,
                                "https://ticketsuite.io/problems/not-resolved",
                                "Ticket not resolved",
                                "A satisfaction answer is taken once the ticket has been resolved");
                    }
                    Object[] latest = rows.get(0);
                    if (latest[1] != null) {
                        throw alreadyAnswered();
                    }
                    return Panache.getSession()
                            .chain(session -> session.createNativeQuery(ANSWER)
                                    .setParameter(1, ticketId)
                                    .setParameter(2, latest[0])
                                    .setParameter(3, score)
                                    .setParameter(4, comment)
                                    .setParameter(5, caller.id())
                                    .setParameter(6, now.atOffset(ZoneOffset.UTC))
                                    .executeUpdate());
                })
                .chain(updated -> {
                    if (updated == 0) {
                        throw alreadyAnswered();
                    }
                    CsatSubmitted event = new CsatSubmitted(ticketId, score, comment, now);
                    return outbox.append(event).replaceWith(event);
                });
    }

    private static ProblemException alreadyAnswered() {
        return new ProblemException(
                409,
                "https://ticketsuite.io/problems/csat-already-answered",
                "Already answered",
                "This resolution has been rated already; a new resolution can be rated again");
    }

    private static boolean ownedBy(TicketInfo ticket, Caller caller) {
        String email = caller.email().map(e -> TicketInfo.normalise(e)).orElse(null);
        String customerId = caller.customerId().orElse(null);
        return (customerId != null && customerId.equals(ticket.customerId()))
                || (email != null && ticket.customerEmail() != null && email.equals(ticket.customerEmail()));
    }

    private Uni<TicketInfo> ticket(UUID ticketId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(TICKET, Object[].class)
                        .setParameter(1, ticketId)
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty() || rows.get(0)[0] == null) {
                        return null;
                    }
                    Object[] r = rows.get(0);
                    return new TicketInfo(
                            ticketId,
                            io.ticketsuite.events.TicketType.valueOf(((String) r[0]).toUpperCase(Locale.ROOT)),
                            (String) r[1],
                            (String) r[2],
                            (String) r[3]);
                });
    }

    private static String askBody(TicketInfo ticket) {
        return "Your request \"" + (ticket.subject() == null ? "" : ticket.subject()) + "\" (reference "
                + ticket.ticketId() + ") has been resolved.\n\nHow satisfied are you with the support you received? "
                + "Rate it from 1 (not at all) to 5 (very): POST /api/v1/tickets/" + ticket.ticketId()
                + "/satisfaction with {\"score\": 1..5, \"comment\": \"…\"}.";
    }

    /** The ask's source id: derived from the event, distinct from the resolution notice sent for the same event. */
    static UUID askId(UUID eventId) {
        return UUID.nameUUIDFromBytes(("csat-request:" + eventId).getBytes(StandardCharsets.UTF_8));
    }
}
