package io.ticketsuite.notification.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.EventType;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaBreached;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.events.TicketTriaged;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The chat notice for on-call people, as a Slack-compatible incoming-webhook body ({@code {"text": …}}): a ticket
 * triaged P1, a ticket reclassified to P1 from another priority, and every SLA breach. Other events make none.
 */
public final class ChatNotice {
    /** The types of the events {@link #applies} can be true for. */
    public static final Set<EventType> TYPES =
            EnumSet.of(EventType.TICKET_TRIAGED, EventType.TICKET_RECLASSIFIED, EventType.SLA_BREACHED);

    private ChatNotice() {}

    /** Whether this event makes a notice (before looking anything up); only events of {@link #TYPES} may. */
    public static boolean applies(EventData data) {
        if (data instanceof TicketTriaged t) {
            return t.priority() == Priority.P1;
        }
        if (data instanceof TicketReclassified r) {
            return r.priority() == Priority.P1 && r.previousPriority() != Priority.P1;
        }
        return data instanceof SlaBreached;
    }

    /** The notice's JSON body, or empty when the event makes none; {@code subject} is the ticket's, when known. */
    public static Optional<String> body(EventEnvelope<? extends EventData> event, String subject) {
        String text = text(event.data(), subject);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventCodec.mapper().writeValueAsString(Map.of("text", text)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(EventData data, String subject) {
        if (!applies(data)) {
            return null;
        }
        String ticket = "ticket " + data.ticketId()
                + (subject == null || subject.isBlank() ? "" : " \"" + escape(subject.strip()) + "\"");
        if (data instanceof TicketTriaged t) {
            return ":rotating_light: P1 " + ticket + " (category " + escape(t.category()) + ", triaged)";
        }
        if (data instanceof TicketReclassified r) {
            return ":rotating_light: P1 " + ticket + " (reclassified from " + r.previousPriority() + ", category "
                    + escape(r.category()) + (r.reclassifiedBy() == null ? "" : ", by " + escape(r.reclassifiedBy()))
                    + ")";
        }
        SlaBreached b = (SlaBreached) data;
        return ":warning: SLA breached: " + b.clock().name().toLowerCase(java.util.Locale.ROOT) + " clock of "
                + b.priority() + " " + ticket + " was due at " + b.dueAt()
                + (b.teamId() == null ? "" : ", team " + escape(b.teamId()))
                + (b.assigneeId() == null ? ", unassigned" : ", assignee " + escape(b.assigneeId()));
    }

    /** Slack's control characters in text: {@code &}, {@code <}, {@code >}. */
    static String escape(String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
