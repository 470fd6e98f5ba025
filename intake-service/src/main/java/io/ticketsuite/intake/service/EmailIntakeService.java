package io.ticketsuite.intake.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.Channel;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.Visibility;
import io.ticketsuite.intake.Attachment;
import io.ticketsuite.intake.Ticket;
import io.ticketsuite.intake.config.IntakeConfig;
import io.ticketsuite.intake.mail.InboundEmail;
import io.ticketsuite.intake.mail.ReplyText;
import io.ticketsuite.intake.mail.Threading;
import io.ticketsuite.intake.mapping.TicketMapper;
import io.ticketsuite.intake.repository.TicketRepository;
import io.ticketsuite.intake.rest.dto.CommentRequest;
import io.ticketsuite.intake.security.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns an inbound email into a ticket or a comment, exactly once per Message-ID: the message id is claimed in the
 * same transaction as the ticket or comment it makes ({@code inbound_email}, {@code ON CONFLICT DO NOTHING}), a reply
 * naming one of the suite's messages or carrying {@code [TS-n]} from the ticket's customer becomes their public
 * comment (quoted history stripped; on a resolved ticket it reopens it, like a reply through the API), anything else
 * a new ticket on channel EMAIL for the sender. Automatic messages make nothing. Both the REST endpoint and the IMAP
 * poller come here.
 */
@ApplicationScoped
public class EmailIntakeService {
    private static final Logger LOG = Logger.getLogger(EmailIntakeService.class);
    static final int MAX_SUBJECT = 200;
    static final int MAX_TEXT = 20_000;

    /** What became of a message; the names are the {@code outcome} tag of {@code ts_email_intake_total}. */
    public enum Outcome {
        CREATED,
        THREADED,
        DUPLICATE,
        AUTO_REPLY,
        REJECTED
    }

    /**
     * @param ticket the ticket created (for the created count after commit); null otherwise
     */
    public record Result(Outcome outcome, UUID ticketId, String ref, UUID commentId, String reason, Ticket ticket) {}

    private final TicketRepository tickets;
    private final TicketService ticketService;
    private final IntakeConfig config;
    private final Clock clock;
    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

    public EmailIntakeService(
            TicketRepository tickets,
            TicketService ticketService,
            IntakeConfig config,
            Clock clock,
            MeterRegistry registry) {
        this.tickets = tickets;
        this.ticketService = ticketService;
        this.config = config;
        this.clock = clock;
        for (Outcome outcome : Outcome.values()) {
            counters.put(
                    outcome,
                    Counter.builder("ts.email.intake")
                            .description("inbound emails by outcome (created, threaded, duplicate, auto_reply,"
                                    + " rejected)")
                            .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                            .register(registry));
        }
    }

    /** Counts a message refused as unparseable (the caller decides what to do with it). */
    public void rejected() {
        counters.get(Outcome.REJECTED).increment();
    }

    /** Takes one parsed message in: one transaction, counted after it committed. */
    public Uni<Result> receive(InboundEmail email) {
        if (email.isAutoReply()) {
            LOG.debugf("ignoring automatic message %s from %s: %s", email.messageId(), email.from(), email.autoReply());
            counters.get(Outcome.AUTO_REPLY).increment();
            return Uni.createFrom().item(new Result(Outcome.AUTO_REPLY, null, null, null, email.autoReply(), null));
        }
        return Panache.withTransaction(() -> receiveInTransaction(email)).invoke(result -> {
            counters.get(result.outcome()).increment();
            if (result.ticket() != null) {
                ticketService.countCreated(result.ticket());
            }
        });
    }

    private Uni<Result> receiveInTransaction(InboundEmail email) {
        Instant now = now();
        String key = key(email.messageId());
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "INSERT INTO inbound_email (message_id, outcome, received_at) VALUES (?1, 'PENDING', ?2)"
                                        + " ON CONFLICT DO NOTHING")
                        .setParameter(1, key)
                        .setParameter(2, now.atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                .chain(claimed -> claimed == 0
                        ? duplicate(key)
                        : target(email)
                                .chain(ticket -> ticket == null ? create(email, now) : thread(ticket, email))
                                .call(result -> record(key, result)));
    }

    /** The message id as stored: a very long one is replaced by its digest (an index key has a size limit). */
    static String key(String messageId) {
        if (messageId.length() <= 500) {
            return messageId;
        }
        try {
            return "<"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256")
                                    .digest(messageId.getBytes(StandardCharsets.UTF_8)))
                    + "@digest.intake.ticketsuite>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Uni<Result> duplicate(String key) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT CAST(ticket_id AS text) FROM inbound_email WHERE message_id = ?1", String.class)
                        .setParameter(1, key)
                        .getSingleResultOrNull())
                .chain(id -> id == null ? Uni.createFrom().item((Ticket) null) : tickets.findById(UUID.fromString(id)))
                .map(ticket -> new Result(
                        Outcome.DUPLICATE,
                        ticket == null ? null : ticket.id,
                        ticket == null ? null : ticket.ref,
                        null,
                        "this Message-ID was already taken in",
                        null));
    }

    /**
     * The ticket a reply continues, row-locked: the first existing ticket named by the suite's Message-IDs in
     * In-Reply-To/References, else the one whose {@code [TS-n]} the subject carries; only when the sender is that
     * ticket's customer (anyone else writing about it opens a ticket of their own) and never an ESCALATION.
     */
    private Uni<Ticket> target(InboundEmail email) {
        List<UUID> ids = Threading.ticketIds(email.references());
        return firstExisting(ids.subList(0, Math.min(ids.size(), 10)), 0)
                .chain(ticket -> {
                    if (ticket != null) {
                        return Uni.createFrom().item(ticket);
                    }
                    String ref = Threading.ref(email.subject());
                    return ref == null
                            ? Uni.createFrom().<Ticket>nullItem()
                            : tickets.findByRef(ref)
                                    .chain(found -> found == null
                                            ? Uni.createFrom().<Ticket>nullItem()
                                            : tickets.findForUpdate(found.id));
                })
                .map(ticket -> ticket != null && fromItsCustomer(ticket, email) ? ticket : null);
    }

    private Uni<Ticket> firstExisting(List<UUID> ids, int i) {
        if (i >= ids.size()) {
            return Uni.createFrom().nullItem();
        }
        return tickets.findForUpdate(ids.get(i))
                .chain(ticket -> ticket != null ? Uni.createFrom().item(ticket) : firstExisting(ids, i + 1));
    }

    private static boolean fromItsCustomer(Ticket ticket, InboundEmail email) {
        boolean same = ticket.customerEmail != null && ticket.customerEmail.equalsIgnoreCase(email.from());
        if (!same) {
            LOG.infof(
                    "message %s names ticket %s but comes from another address than its customer's: a new ticket",
                    email.messageId(), ticket.id);
        }
        return same && Actor.customer(ticket.customerId, ticket.customerId).maySee(ticket);
    }

    private Uni<Result> thread(Ticket ticket, InboundEmail email) {
        String text = ReplyText.strip(email.text());
        if (text.isBlank()) {
            text = email.attachments().isEmpty()
                    ? "(an empty reply by email)"
                    : "(a reply by email with attachments: " + names(email.attachments()) + ")";
        }
        addAttachments(ticket, email.attachments());
        Actor customer = Actor.customer(ticket.customerId, ticket.customerId);
        boolean reopens = ticket.status == TicketStatus.RESOLVED || ticket.status == TicketStatus.CLOSED;
        String reason = reopens ? "a reply on a " + ticket.status + " ticket" : null;
        return ticketService
                .commentOnLocked(ticket, new CommentRequest(truncate(text, MAX_TEXT), Visibility.PUBLIC), customer)
                .chain(comment -> (comment.ticketId.equals(ticket.id)
                                ? Uni.createFrom().item(ticket)
                                : tickets.findById(comment.ticketId))
                        .map(t -> new Result(
                                Outcome.THREADED,
                                comment.ticketId,
                                t == null ? null : t.ref,
                                comment.id,
                                reason,
                                null)));
    }

    private Uni<Result> create(InboundEmail email, Instant now) {
        return customerOf(email.from()).chain(customer -> {
            Ticket ticket = new Ticket();
            ticket.id = UUID.randomUUID();
            ticket.type = config.email().ticketType();
            ticket.channel = Channel.EMAIL;
            ticket.status = TicketStatus.NEW;
            ticket.subject = email.subject().isBlank() ? "(no subject)" : truncate(email.subject(), MAX_SUBJECT);
            ticket.description = email.text().isBlank() ? null : truncate(email.text(), MAX_TEXT);
            ticket.customerId = customer.id();
            ticket.customerEmail = email.from();
            ticket.customerTier = customer.tier();
            ticket.customerLanguage = customer.language();
            ticket.customerTimeZone = customer.timeZone();
            ticket.tags = new ArrayList<>(config.email().tags());
            ticket.externalId = truncate(email.messageId(), 200);
            ticket.attachments = TicketMapper.attachmentsJson(email.attachments());
            ticket.createdAt = now;
            ticket.updatedAt = now;
            return ticketService.persistNew(ticket).map(t -> new Result(Outcome.CREATED, t.id, t.ref, null, null, t));
        });
    }

    /** The customer an address belongs to. */
    record Customer(String id, CustomerTier tier, String language, String timeZone) {}

    /**
     * A known sender is the customer of their latest ticket (id, tier, language, time zone); an unknown one a new
     * customer of tier FREE whose id is derived from the address, so their next email finds the same customer.
     */
    private Uni<Customer> customerOf(String email) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT customer_id, customer_tier, customer_language, customer_time_zone FROM ticket"
                                        + " WHERE lower(customer_email) = ?1 ORDER BY created_at DESC LIMIT 1",
                                Object[].class)
                        .setParameter(1, email.toLowerCase(Locale.ROOT))
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return newCustomer(email);
                    }
                    Object[] row = rows.get(0);
                    return new Customer(
                            (String) row[0], CustomerTier.valueOf((String) row[1]), (String) row[2], (String) row[3]);
                });
    }

    static Customer newCustomer(String email) {
        String id = "email-"
                + UUID.nameUUIDFromBytes(("email:" + email.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
        return new Customer(id, CustomerTier.FREE, null, null);
    }

    private Uni<Void> record(String key, Result result) {
        return Panache.getSession()
                .chain(session -> session.flush()
                        .chain(() -> session.createNativeQuery(
                                        "UPDATE inbound_email SET ticket_id = CAST(?2 AS uuid), comment_id = CAST(NULLIF(?3, '')"
                                                + " AS uuid), outcome = ?4 WHERE message_id = ?1")
                                .setParameter(1, key)
                                .setParameter(2, result.ticketId().toString())
                                .setParameter(
                                        3,
                                        result.commentId() == null
                                                ? ""
                                                : result.commentId().toString())
                                .setParameter(4, result.outcome().name())
                                .executeUpdate()))
                .replaceWithVoid();
    }

    private static void addAttachments(Ticket ticket, List<Attachment> added) {
        if (added.isEmpty()) {
            return;
        }
        List<Attachment> all = new ArrayList<>(TicketMapper.attachments(ticket));
        all.addAll(added);
        ticket.attachments = TicketMapper.attachmentsJson(all);
    }

    private static String names(List<Attachment> attachments) {
        return String.join(
                ", ",
                attachments.stream()
                        .map(a -> a.name() == null ? a.type() : a.name())
                        .toList());
    }

    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
