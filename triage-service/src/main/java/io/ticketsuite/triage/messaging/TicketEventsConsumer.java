package io.ticketsuite.triage.messaging;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventType;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.kit.messaging.EventInbox;
import io.ticketsuite.triage.service.TriageService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Triages every {@code ticket.created} of ticket-events. The other event types of the topic are not ours to
 * handle and are acknowledged untouched; a record that is not a valid event (bad JSON, unknown or missing
 * {@code ce_type}, missing field) is dead-lettered by the inbox. Thin: decode → service.
 */
@ApplicationScoped
public class TicketEventsConsumer {
    public static final String TICKETS_IN = "tickets-in";
    public static final String CONSUMER = "triage.ticket-events";

    private final EventInbox inbox;
    private final TriageService triage;

    public TicketEventsConsumer(EventInbox inbox, TriageService triage) {
        this.inbox = inbox;
        this.triage = triage;
    }

    @Incoming(TICKETS_IN)
    public Uni<Void> onTicketEvent(ConsumerRecords<String, String> records) {
        // the other types of ticket-events are acknowledged without decoding or a transaction (outcome "ignored");
        // an outcome is counted once its transaction committed
        return inbox.process(CONSUMER, records, EnumSet.of(EventType.TICKET_CREATED), (event, afterCommit) -> {
            if (event.data() instanceof TicketCreated created) {
                return triage.triage(event, created)
                        .invoke(outcome -> afterCommit.add(() -> triage.committed(outcome)))
                        .replaceWithVoid();
            }
            return Uni.createFrom().voidItem();
        });
    }
}
