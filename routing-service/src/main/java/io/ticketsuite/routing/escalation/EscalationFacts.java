package io.ticketsuite.routing.escalation;

import io.ticketsuite.events.Channel;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.IssueRecurringDetected;
import io.ticketsuite.events.SlaBreached;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketEscalationRequested;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.events.TicketTriaged;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * What an event says about a ticket, as the escalation matrix's conditions read it. A fact the event does not carry
 * is null (a condition on it does not hold). {@code evidence} is lower-case text the {@code evidence} condition
 * searches (the classifier's explanation, the reclassification reason, the ticket's subject and description).
 *
 * @param event the {@code ce_type} of the triggering event
 * @param teamId the ticket's team when the event names it (sla.breached); otherwise routing's assignment fills it
 * @param detail a short human description of the event for the escalation's reason
 */
public record EscalationFacts(
        String event,
        UUID eventId,
        UUID ticketId,
        String category,
        io.ticketsuite.events.Priority priority,
        Channel channel,
        List<String> tags,
        CustomerTier tier,
        String evidence,
        String teamId,
        UUID clusterId,
        String detail) {

    public EscalationFacts {
        tags = tags == null ? List.of() : List.copyOf(tags);
        evidence = evidence == null ? "" : evidence.toLowerCase(Locale.ROOT);
    }

    public EscalationFacts withTeam(String team) {
        return new EscalationFacts(
                event, eventId, ticketId, category, priority, channel, tags, tier, evidence, team, clusterId, detail);
    }

    /** The facts of an event the matrix can trigger on; empty for any other event. */
    public static Optional<EscalationFacts> of(EventEnvelope<? extends EventData> envelope) {
        String type = envelope.type().ceType();
        UUID id = envelope.id();
        EventData data = envelope.data();
        if (data instanceof TicketTriaged t) {
            return Optional.of(new EscalationFacts(
                    type,
                    id,
                    t.ticketId(),
                    t.category(),
                    t.priority(),
                    null,
                    List.of(),
                    null,
                    t.explanation() == null ? "" : t.explanation().toString(),
                    null,
                    null,
                    "ticket.triaged: category " + t.category() + ", priority " + t.priority()));
        }
        if (data instanceof TicketReclassified r) {
            return Optional.of(new EscalationFacts(
                    type,
                    id,
                    r.ticketId(),
                    r.category(),
                    r.priority(),
                    null,
                    List.of(),
                    null,
                    r.reason(),
                    null,
                    null,
                    "ticket.reclassified: category " + r.previousCategory() + " → " + r.category() + ", priority "
                            + r.previousPriority() + " → " + r.priority()));
        }
        if (data instanceof TicketCreated c) {
            return Optional.of(new EscalationFacts(
                    type,
                    id,
                    c.ticketId(),
                    null,
                    null,
                    c.channel(),
                    c.tags(),
                    c.customer() == null ? null : c.customer().tier(),
                    c.subject() + "\n" + (c.description() == null ? "" : c.description()),
                    null,
                    null,
                    "ticket.created from " + c.channel()
                            + (c.tags() == null || c.tags().isEmpty()
                                    ? ""
                                    : " tagged " + String.join(", ", c.tags()))));
        }
        if (data instanceof SlaBreached b) {
            return Optional.of(new EscalationFacts(
                    type,
                    id,
                    b.ticketId(),
                    null,
                    b.priority(),
                    null,
                    List.of(),
                    null,
                    "",
                    b.teamId(),
                    null,
                    "sla.breached: " + b.clock() + " clock of a " + b.priority() + " ticket was due " + b.dueAt()));
        }
        if (data instanceof IssueRecurringDetected r) {
            return Optional.of(new EscalationFacts(
                    type,
                    id,
                    r.ticketId(),
                    r.category(),
                    null,
                    null,
                    List.of(),
                    null,
                    r.sharedTerms() == null ? r.signature() : String.join(" ", r.sharedTerms()),
                    null,
                    r.clusterId(),
                    "issue.recurring-detected: " + r.count() + " tickets about \"" + r.signature() + "\""));
        }
        if (data instanceof TicketEscalationRequested e) {
            return Optional.of(new EscalationFacts(
                    type,
                    id,
                    e.ticketId(),
                    null,
                    null,
                    null,
                    List.of(),
                    null,
                    e.reason(),
                    null,
                    null,
                    "ticket.escalation-requested by " + (e.requestedBy() == null ? "someone" : e.requestedBy())
                            + (e.reason() == null || e.reason().isBlank() ? "" : ": " + e.reason())));
        }
        return Optional.empty();
    }
}
