package io.ticketsuite.triage.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.EventType;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.kit.messaging.EventInbox;
import io.ticketsuite.triage.service.TriageService;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
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
    private final MeterRegistry registry;

    public TicketEventsConsumer(EventInbox inbox, TriageService triage, MeterRegistry registry) {
        this.inbox = inbox;
        this.triage = triage;
        this.registry = registry;
    }

    @Incoming(TICKETS_IN)
    public Uni<Void> onTicketEvent(ConsumerRecord<String, String> record) {
        Optional<EventType> type = EventType.fromCeType(header(record, CloudEventHeaders.TYPE));
        if (type.isPresent() && type.get() != EventType.TICKET_CREATED) {
            // a known event type we do not act on: not poison, and no need to decode or record it
            Counter.builder("ts.triage.events.ignored")
                    .description("events of ticket-events that triage does not act on, by type")
                    .tag("type", type.get().ceType())
                    .register(registry)
                    .increment();
            return Uni.createFrom().voidItem();
        }
        AtomicReference<TriageService.Outcome> outcome = new AtomicReference<>();
        return inbox.process(CONSUMER, record, event -> {
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

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
