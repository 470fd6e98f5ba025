package io.ticketsuite.intake.messaging;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketEscalated;
import io.ticketsuite.events.TicketReassigned;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.intake.service.EscalationLog;
import io.ticketsuite.intake.service.TicketService;
import io.ticketsuite.kit.messaging.EventInbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reflects the decisions of triage and routing on the ticket (and keeps routing's escalations for its staff view).
 * Thin: decode → service.
 */
@ApplicationScoped
public class DecisionConsumer {
    public static final String TRIAGE_IN = "triage-in";
    public static final String ROUTING_IN = "routing-in";

    private final EventInbox inbox;
    private final TicketService tickets;
    private final EscalationLog escalations;

    public DecisionConsumer(EventInbox inbox, TicketService tickets, EscalationLog escalations) {
        this.inbox = inbox;
        this.tickets = tickets;
        this.escalations = escalations;
    }

    @Incoming(TRIAGE_IN)
    public Uni<Void> onTriage(ConsumerRecords<String, String> records) {
        return inbox.process("intake.triage", records, event -> {
            if (event.data() instanceof TicketTriaged t) {
                return tickets.applyTriage(t.ticketId(), t.category(), t.priority(), "triaged as " + t.category());
            }
            if (event.data() instanceof TicketReclassified r) {
                return tickets.applyReclassification(r);
            }
            return Uni.createFrom().voidItem();
        });
    }

    @Incoming(ROUTING_IN)
    public Uni<Void> onRouting(ConsumerRecords<String, String> records) {
        return inbox.process("intake.routing", records, event -> {
            if (event.data() instanceof TicketAssigned a) {
                return tickets.applyAssignment(a);
            }
            if (event.data() instanceof TicketReassigned r) {
                return tickets.applyReassignment(r);
            }
            if (event.data() instanceof TicketEscalated e) {
                return escalations.record(e, event.id());
            }
            return Uni.createFrom().voidItem();
        });
    }
}
