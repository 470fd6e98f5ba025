package io.ticketsuite.notification.csat;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventType;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.kit.messaging.EventInbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads ticket-events for CSAT (its own channel and consumer group, {@code notification-service.csat}): each
 * resolution opens one satisfaction answer and asks the customer in the in-app inbox. Thin: the kit's inbox decodes,
 * deduplicates and transacts.
 */
@ApplicationScoped
public class CsatEventsConsumer {
    public static final String CSAT_TICKETS_IN = "csat-tickets-in";

    private final EventInbox inbox;
    private final CsatService csat;

    public CsatEventsConsumer(EventInbox inbox, CsatService csat) {
        this.inbox = inbox;
        this.csat = csat;
    }

    @Incoming(CSAT_TICKETS_IN)
    public Uni<Void> onTicketEvent(ConsumerRecords<String, String> records) {
        return inbox.process("notification.csat", records, EnumSet.of(EventType.TICKET_STATUS_CHANGED), event -> {
            if (event.data() instanceof TicketStatusChanged s) {
                return csat.onStatusChanged(event.id(), s);
            }
            return Uni.createFrom().voidItem();
        });
    }
}
