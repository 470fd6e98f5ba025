package io.ticketsuite.notification.messaging;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventData;
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
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the events that someone must be told about: ticket.created, ticket.status-changed (RESOLVED,
 * WAITING_FOR_CUSTOMER) and ticket.comment-added (public replies by staff),
 * ticket.assigned, ticket.reassigned and ticket.escalated, and the SLA thresholds, through one channel and consumer
 * group over their three topics. Thin: the kit's inbox decodes (poison → dead-letter topic), deduplicates and opens
 * the transaction; the service decides. Other event types of these topics are acknowledged and ignored.
 */
@ApplicationScoped
public class NotificationEventsConsumer {
    public static final String EVENTS_IN = "events-in";
    /** The channel's name in metrics, logs and readiness. */
    static final String CONSUMER = "notification.events";
    /**
     * Each event's processed-event row is named after its topic ({@code notification.ticket-events}, …), as when every
     * topic had its own channel: the new consumer group replays the topics from the start and skips what they applied.
     */
    static final Function<ConsumerRecord<String, String>, String> LEDGER = EventInbox.byTopic("notification");

    static final Set<EventType> RELEVANT = EnumSet.of(
            EventType.TICKET_CREATED,
            EventType.TICKET_STATUS_CHANGED,
            EventType.TICKET_COMMENT_ADDED,
            EventType.TICKET_ASSIGNED,
            EventType.TICKET_REASSIGNED,
            EventType.TICKET_ESCALATED,
            EventType.SLA_WARNING,
            EventType.SLA_BREACHED,
            EventType.SLA_ESCALATED);

    private final EventInbox inbox;
    private final NotificationService notifications;

    public NotificationEventsConsumer(EventInbox inbox, NotificationService notifications) {
        this.inbox = inbox;
        this.notifications = notifications;
    }

    @Incoming(EVENTS_IN)
    public Uni<Void> onEvents(ConsumerRecords<String, String> records) {
        return inbox.process(CONSUMER, LEDGER, records, RELEVANT, (event, afterCommit) -> {
            EventData data = event.data();
            if (data instanceof TicketCreated c) {
                return notifications.onTicketCreated(event.id(), c);
            }
            if (data instanceof TicketStatusChanged s) {
                return notifications.onStatusChanged(event.id(), s);
            }
            if (data instanceof TicketCommentAdded comment) {
                return notifications.onCommentAdded(event.id(), comment);
            }
            if (data instanceof TicketAssigned a) {
                return notifications.onTicketAssigned(event.id(), a);
            }
            if (data instanceof TicketReassigned r) {
                return notifications.onTicketReassigned(event.id(), r);
            }
            if (data instanceof TicketEscalated e) {
                return notifications.onTicketEscalated(event.id(), e);
            }
            if (data instanceof SlaThresholdReached t) {
                return notifications.onSlaThreshold(event.id(), event.type(), t);
            }
            return Uni.createFrom().voidItem();
        });
    }
}
