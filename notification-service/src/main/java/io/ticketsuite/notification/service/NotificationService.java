package io.ticketsuite.notification.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventType;
import io.ticketsuite.events.NotificationDelivered;
import io.ticketsuite.events.SlaThresholdReached;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketCommentAdded;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketEscalated;
import io.ticketsuite.events.TicketReassigned;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.kit.messaging.EventInbox;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.reactive.InOrder;
import io.ticketsuite.kit.security.Caller;
import io.ticketsuite.notification.Inbox;
import io.ticketsuite.notification.Message;
import io.ticketsuite.notification.Notification;
import io.ticketsuite.notification.NotificationKind;
import io.ticketsuite.notification.NotificationPlanner;
import io.ticketsuite.notification.NotificationRenderer;
import io.ticketsuite.notification.PlannedNotification;
import io.ticketsuite.notification.TicketInfo;
import io.ticketsuite.notification.delivery.DeliveryChannel;
import io.ticketsuite.notification.email.EmailFormat;
import io.ticketsuite.notification.email.EmailQueue;
import io.ticketsuite.notification.repository.NotificationRepository;
import io.ticketsuite.notification.repository.ParkedNoticeRepository;
import io.ticketsuite.notification.repository.RecipientRepository;
import io.ticketsuite.notification.repository.TicketRecordRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns events into notifications: plans who is told what, renders the templates, delivers through the channel and
 * announces each delivery (notification.delivered, via the outbox) in the consumer's transaction. A notification is
 * delivered once per (event, recipient): the inbox insert skips what exists, and only a new row is announced and
 * copied to the e-mail outbox (when the recipient has an address; the sender sweep sends it).
 */
@ApplicationScoped
public class NotificationService {
    private static final Logger LOG = Logger.getLogger(NotificationService.class);

    private final TicketRecordRepository tickets;
    private final RecipientRepository directory;
    private final ParkedNoticeRepository parked;
    private final NotificationRepository notifications;
    private final NotificationPlanner planner;
    private final NotificationRenderer renderer;
    private final DeliveryChannel channel;
    private final EmailQueue emails;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final MeterRegistry registry;

    public NotificationService(
            TicketRecordRepository tickets,
            RecipientRepository directory,
            ParkedNoticeRepository parked,
            NotificationRepository notifications,
            NotificationPlanner planner,
            NotificationRenderer renderer,
            DeliveryChannel channel,
            EmailQueue emails,
            OutboxWriter outbox,
            Clock clock,
            MeterRegistry registry) {
        this.tickets = tickets;
        this.directory = directory;
        this.parked = parked;
        this.notifications = notifications;
        this.planner = planner;
        this.renderer = renderer;
        this.channel = channel;
        this.emails = emails;
        this.outbox = outbox;
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * ticket.created: remember the ticket (with its human reference {@code ref}, when it is a plain TS-n), acknowledge the customer
     * (never for an ESCALATION ticket), and deliver the customer notices that arrived before this event.
     */
    public Uni<Void> onTicketCreated(UUID eventId, TicketCreated created) {
        return tickets.upsert(created, EmailFormat.ref(created.ref()))
                .chain(() -> tickets.lock(created.ticketId()))
                .chain(record -> {
                    TicketInfo ticket = record.toInfo();
                    if (ticket.internal()) {
                        skipped(NotificationKind.TICKET_ACKNOWLEDGED.slug(), "internal-ticket");
                    }
                    return deliverAll(
                                    eventId,
                                    planner.acknowledgement(ticket).stream().toList())
                            .chain(() -> releaseParked(ticket));
                });
    }

    /** ticket.assigned: tell the agent. */
    public Uni<Void> onTicketAssigned(UUID eventId, TicketAssigned assigned) {
        return tickets.findById(assigned.ticketId())
                .chain(record -> directory
                        .directory()
                        .map(staff -> planner.assignment(assigned, record == null ? null : record.toInfo(), staff)))
                .chain(planned -> {
                    if (planned.isEmpty()) {
                        skipped(NotificationKind.TICKET_ASSIGNED.slug(), "no-recipient");
                        return Uni.createFrom().voidItem();
                    }
                    return deliverAll(eventId, List.of(planned.get()));
                });
    }

    /** ticket.escalated: every target routing named, as a page when the escalation is immediate. */
    public Uni<Void> onTicketEscalated(UUID eventId, TicketEscalated escalated) {
        return tickets.findById(escalated.ticketId())
                .chain(record -> directory
                        .directory()
                        .map(staff -> planner.escalation(escalated, record == null ? null : record.toInfo(), staff)))
                .chain(planned -> {
                    if (planned.isEmpty()) {
                        skipped(NotificationKind.TICKET_ESCALATED.slug(), "no-recipient");
                    }
                    return deliverAll(eventId, planned);
                });
    }

    /** ticket.reassigned: tell the new agent, and the previous one that it moved away. */
    public Uni<Void> onTicketReassigned(UUID eventId, TicketReassigned reassigned) {
        return tickets.findById(reassigned.ticketId())
                .chain(record -> directory
                        .directory()
                        .map(staff -> planner.reassignment(reassigned, record == null ? null : record.toInfo(), staff)))
                .chain(planned -> {
                    if (planned.isEmpty()) {
                        skipped(NotificationKind.TICKET_REASSIGNED.slug(), "no-recipient");
                    }
                    return deliverAll(eventId, planned);
                });
    }

    /**
     * ticket.status-changed: a move to RESOLVED tells the customer, with the resolution summary when there is one; a
     * move to WAITING_FOR_CUSTOMER tells the customer the request waits for them (never for an ESCALATION ticket; a
     * ticket whose ticket.created this service never saw tells nobody, counted).
     */
    public Uni<Void> onStatusChanged(UUID eventId, TicketStatusChanged changed) {
        NotificationKind kind;
        if (changed.to() == TicketStatus.RESOLVED) {
            kind = NotificationKind.TICKET_RESOLVED;
        } else if (changed.to() == TicketStatus.WAITING_FOR_CUSTOMER) {
            kind = NotificationKind.TICKET_WAITING_FOR_CUSTOMER;
        } else {
            return Uni.createFrom().voidItem();
        }
        return tickets.findById(changed.ticketId()).chain(record -> {
            TicketInfo ticket = record == null ? null : record.toInfo();
            if (ticket == null) {
                skipped(kind.slug(), "unknown-ticket");
                return Uni.createFrom().voidItem();
            }
            if (ticket.internal()) {
                skipped(kind.slug(), "internal-ticket");
            }
            Optional<PlannedNotification> planned = kind == NotificationKind.TICKET_RESOLVED
                    ? planner.resolved(changed, ticket)
                    : planner.waitingForCustomer(changed, ticket);
            return deliverAll(eventId, planned.stream().toList());
        });
    }

    /**
     * ticket.comment-added: a public reply by staff tells the customer, with its text (internal notes and the
     * customer's own comments tell nobody; nor does a reply on an ESCALATION ticket or an unknown one).
     */
    public Uni<Void> onCommentAdded(UUID eventId, TicketCommentAdded comment) {
        return tickets.findById(comment.ticketId()).chain(record -> {
            TicketInfo ticket = record == null ? null : record.toInfo();
            Optional<PlannedNotification> planned = planner.reply(comment, ticket);
            if (planned.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return deliverAll(eventId, List.of(planned.get()));
        });
    }

    /**
     * sla.warning / sla.breached / sla.escalated: tell the level's staff; on a breach, the customer too (parked
     * until ticket.created if that has not arrived yet).
     */
    public Uni<Void> onSlaThreshold(UUID eventId, EventType type, SlaThresholdReached event) {
        return tickets.lock(event.ticketId())
                .chain(record -> directory.directory().chain(staff -> {
                    TicketInfo ticket = record.toInfo();
                    NotificationPlanner.ThresholdPlan plan = planner.threshold(type, event, ticket, staff);
                    if (plan.notifications().isEmpty() && !plan.parkCustomerNotice()) {
                        skipped(type.ceType(), "no-recipient");
                    }
                    if (ticket != null && ticket.internal() && type == EventType.SLA_BREACHED) {
                        skipped(NotificationKind.SLA_BREACHED_CUSTOMER.slug(), "internal-ticket");
                    }
                    Uni<Void> park = Uni.createFrom().voidItem();
                    if (plan.parkCustomerNotice()) {
                        LOG.debugf("ticket %s not known yet: customer notice of %s parked", event.ticketId(), eventId);
                        EventInbox.afterCommit(() -> counter(
                                        "ts.notification.parked",
                                        "customer notices waiting for their ticket.created",
                                        NotificationKind.SLA_BREACHED_CUSTOMER)
                                .increment());
                        park = parked.park(eventId, event.ticketId(), NotificationKind.SLA_BREACHED_CUSTOMER);
                    }
                    return park.chain(() -> deliverAll(eventId, plan.notifications()));
                }));
    }

    /**
     * The inbox a caller reads. Without {@code requested}: their own (staff: their staff id; customer: their e-mail
     * and customer id from the token). With it: an admin reads anyone's; everybody else only one of their own keys,
     * another recipient is a 403. A customer token that names no customer is a 403; so is any other caller (a
     * channel system has no inbox).
     */
    public Inbox inboxOf(Caller caller, String requested) {
        Inbox own;
        if (caller.isStaff()) {
            own = Inbox.ofStaff(caller.id());
        } else if (caller.isCustomer()) {
            own = Inbox.ofCustomer(
                            caller.customerId().orElse(null), caller.email().orElse(null))
                    .orElseThrow(() -> ProblemException.forbidden(
                            "The token names no customer (neither a customer id nor an e-mail claim)"));
        } else {
            throw ProblemException.forbidden("Only customers and staff have an inbox");
        }
        if (requested == null) {
            return own;
        }
        if (caller.isAdmin()) {
            return Inbox.anyRole(requested);
        }
        return own.narrowTo(requested)
                .orElseThrow(() -> ProblemException.forbidden("Only an admin reads another recipient's inbox"));
    }

    @WithSession
    public Uni<NotificationRepository.PageResult> inbox(Inbox inbox, int offset, int size) {
        return notifications.page(inbox, offset, size);
    }

    private Uni<Void> releaseParked(TicketInfo ticket) {
        return parked.forTicket(ticket.ticketId()).chain(list -> {
            List<ParkedNoticeRepository.Parked> breaches = list.stream()
                    .filter(p -> p.kind() == NotificationKind.SLA_BREACHED_CUSTOMER)
                    .toList();
            Uni<Void> chain = InOrder.each(breaches, p -> {
                if (ticket.internal()) {
                    skipped(p.kind().slug(), "internal-ticket");
                }
                List<PlannedNotification> planned =
                        planner.customerBreach(ticket).stream().toList();
                return deliverAll(p.sourceEventId(), planned);
            });
            return list.isEmpty()
                    ? chain
                    : chain.chain(() -> parked.deleteForTicket(ticket.ticketId()))
                            .replaceWithVoid();
        });
    }

    /** Delivers one after the other (one Hibernate session: never in parallel). */
    private Uni<Void> deliverAll(UUID sourceEventId, List<PlannedNotification> planned) {
        return InOrder.each(planned, p -> deliver(sourceEventId, p));
    }

    private Uni<Void> deliver(UUID sourceEventId, PlannedNotification planned) {
        Timer.Sample sample = Timer.start(registry);
        Message message = renderer.render(planned);
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.recipient = planned.recipient();
        n.recipientRole = planned.recipientRole();
        n.kind = planned.kind().slug();
        n.ticketId = UUID.fromString((String) planned.model().get("ticket_id"));
        n.subject = message.subject();
        n.body = message.body();
        n.sourceEventId = sourceEventId;
        n.createdAt = now();
        return channel.deliver(n).chain(delivered -> {
            sample.stop(Timer.builder("ts.notification.delivery")
                    .description("time to render and deliver one notification")
                    .tag("channel", channel.name())
                    .register(registry));
            if (!delivered) {
                EventInbox.afterCommit(() -> counter(
                                "ts.notification.duplicates",
                                "notifications already delivered for this event and recipient",
                                planned.kind())
                        .increment());
                return Uni.createFrom().voidItem();
            }
            EventInbox.afterCommit(() -> Counter.builder("ts.notification.delivered")
                    .description("notifications delivered, by kind, recipient role, channel and urgency")
                    .tag("kind", planned.kind().slug())
                    .tag("urgency", planned.kind().urgency().name())
                    .tag("role", planned.recipientRole().name())
                    .tag("channel", channel.name())
                    .register(registry)
                    .increment());
            return emails.enqueue(n)
                    .chain(() -> outbox.append(new NotificationDelivered(
                            n.ticketId,
                            n.id,
                            n.recipient,
                            n.recipientRole.name(),
                            channel.name(),
                            n.kind,
                            sourceEventId,
                            n.createdAt)))
                    .replaceWithVoid();
        });
    }

    private void skipped(String what, String reason) {
        EventInbox.afterCommit(() -> Counter.builder("ts.notification.skipped")
                .description("messages not sent on purpose (internal ticket, nobody to tell), by kind or event type")
                .tag("kind", what)
                .tag("reason", reason)
                .register(registry)
                .increment());
    }

    private Counter counter(String name, String description, NotificationKind kind) {
        return Counter.builder(name)
                .description(description)
                .tag("kind", kind.slug())
                .register(registry);
    }

    /** Now, at the database's precision (microseconds). */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
