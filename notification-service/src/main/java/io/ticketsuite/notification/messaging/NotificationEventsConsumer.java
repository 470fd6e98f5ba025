package io.ticketsuite.notification.messaging;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventType;
import io.ticketsuite.events.SlaThresholdReached;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketCommentAdded;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketEscalated;
import io.ticketsuite.events.TicketReassigned;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.kit.messaging.EventInbox;
import io.ticketsuite.notification.service.NotificationService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the events that someone must be told about: ticket.created, ticket.status-changed (RESOLVED,
 * WAITING_FOR_CUSTOMER) and ticket.comment-added (public replies by staff),
 * ticket.assigned, ticket.reassigned and ticket.escalated, and the SLA thresholds. Thin:
 * the kit's inbox decodes (poison → dead-letter topic), deduplicates and opens the transaction; the service decides.
 * Other event types of these topics are acknowledged and ignored.
 */
@ApplicationScoped
public class NotificationEventsConsumer {
    public static final String TICKETS_IN = "tickets-in";
    public static final String ROUTING_IN = "routing-in";
    public static final String SLA_IN = "sla-in";

    private final EventInbox inbox;
    private final NotificationService notifications;

    public NotificationEventsConsumer(EventInbox inbox, NotificationService notifications) {
        this.inbox = inbox;
        this.notifications = notifications;
    }

    @Incoming(TICKETS_IN)
    public Uni<Void> onTicketEvent(ConsumerRecords<String, String> records) {
        return inbox.process(
                "notification.ticket-events",
                records,
                EnumSet.of(EventType.TICKET_CREATED, EventType.TICKET_STATUS_CHANGED, EventType.TICKET_COMMENT_ADDED),
                event -> {
                    if (event.data() instanceof TicketCreated c) {
                        return notifications.onTicketCreated(event.id(), c);
                    }
                    if (event.data() instanceof TicketStatusChanged s) {
                        return notifications.onStatusChanged(event.id(), s);
                    }
                    if (event.data() instanceof TicketCommentAdded comment) {
                        return notifications.onCommentAdded(event.id(), comment);
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    @Incoming(ROUTING_IN)
    public Uni<Void> onRoutingEvent(ConsumerRecords<String, String> records) {
        return inbox.process(
                "notification.routing-events",
                records,
                EnumSet.of(EventType.TICKET_ASSIGNED, EventType.TICKET_REASSIGNED, EventType.TICKET_ESCALATED),
                event -> {
                    if (event.data() instanceof TicketAssigned a) {
                        return notifications.onTicketAssigned(event.id(), a);
                    }
                    if (event.data() instanceof TicketReassigned r) {
                        return notifications.onTicketReassigned(event.id(), r);
                    }
                    if (event.data() instanceof TicketEscalated e) {
                        return notifications.onTicketEscalated(event.id(), e);
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    @Incoming(SLA_IN)
    public Uni<Void> onSlaEvent(ConsumerRecords<String, String> records) {
        return inbox.process(
                "notification.sla-events",
                records,
                EnumSet.of(EventType.SLA_WARNING, EventType.SLA_BREACHED, EventType.SLA_ESCALATED),
                event -> event.data() instanceof SlaThresholdReached t
                        ? notifications.onSlaThreshold(event.id(), event.type(), t)
                        : Uni.createFrom().voidItem());
    }
}
