package io.ticketsuite.triage.messaging;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventType;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.kit.messaging.EventInbox;
import io.ticketsuite.triage.service.TriageService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
    public Uni<Void> onTicketEvent(ConsumerRecord<String, String> record) {
        AtomicReference<TriageService.Outcome> outcome = new AtomicReference<>();
        // the other types of ticket-events are acknowledged without decoding or a transaction (outcome "ignored")
        return inbox.process(CONSUMER, record, EnumSet.of(EventType.TICKET_CREATED), event -> {
                    if (event.data() instanceof TicketCreated created) {
                        return triage.triage(event, created)
                                .invoke(outcome::set)
                                .replaceWithVoid();
                    }
                    return Uni.createFrom().voidItem();
                })
                .invoke(() -> {
                    if (outcome.get() != null) {
                        triage.committed(outcome.get());
                    }
                });
    }
}
