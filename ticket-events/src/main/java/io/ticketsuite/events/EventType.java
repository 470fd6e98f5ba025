package io.ticketsuite.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type of the suite: its CloudEvents {@code type}, its topic and the record of its data. */
public enum EventType {
    TICKET_CREATED("ticket.created", Topics.TICKET_EVENTS, TicketCreated.class),
    TICKET_UPDATED("ticket.updated", Topics.TICKET_EVENTS, TicketUpdated.class),
    TICKET_STATUS_CHANGED("ticket.status-changed", Topics.TICKET_EVENTS, TicketStatusChanged.class),
    TICKET_COMMENT_ADDED("ticket.comment-added", Topics.TICKET_EVENTS, TicketCommentAdded.class),
    TICKET_REOPENED("ticket.reopened", Topics.TICKET_EVENTS, TicketReopened.class),
    TICKET_ESCALATION_REQUESTED("ticket.escalation-requested", Topics.TICKET_EVENTS, TicketEscalationRequested.class),
    TICKET_TRIAGED("ticket.triaged", Topics.TRIAGE_EVENTS, TicketTriaged.class),
    TICKET_RECLASSIFIED("ticket.reclassified", Topics.TRIAGE_EVENTS, TicketReclassified.class),
    ISSUE_RECURRING_DETECTED("issue.recurring-detected", Topics.TRIAGE_EVENTS, IssueRecurringDetected.class),
    TICKET_ASSIGNED("ticket.assigned", Topics.ROUTING_EVENTS, TicketAssigned.class),
    TICKET_REASSIGNED("ticket.reassigned", Topics.ROUTING_EVENTS, TicketReassigned.class),
    TICKET_ESCALATED("ticket.escalated", Topics.ROUTING_EVENTS, TicketEscalated.class),
    SLA_STARTED("sla.started", Topics.SLA_EVENTS, SlaStarted.class),
    SLA_PAUSED("sla.paused", Topics.SLA_EVENTS, SlaPaused.class),
    SLA_RESUMED("sla.resumed", Topics.SLA_EVENTS, SlaResumed.class),
    SLA_WARNING("sla.warning", Topics.SLA_EVENTS, SlaWarning.class),
    SLA_BREACHED("sla.breached", Topics.SLA_EVENTS, SlaBreached.class),
    SLA_ESCALATED("sla.escalated", Topics.SLA_EVENTS, SlaEscalated.class),
    SLA_MET("sla.met", Topics.SLA_EVENTS, SlaMet.class),
    NOTIFICATION_DELIVERED("notification.delivered", Topics.NOTIFICATION_EVENTS, NotificationDelivered.class),
    NOTIFICATION_FAILED("notification.failed", Topics.NOTIFICATION_EVENTS, NotificationFailed.class),
    CSAT_SUBMITTED("csat.submitted", Topics.NOTIFICATION_EVENTS, CsatSubmitted.class);

    private static final Map<String, EventType> BY_CE_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));
    private static final Map<Class<?>, EventType> BY_DATA =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::dataType, Function.identity()));

    private final String ceType;
    private final String topic;
    private final Class<? extends EventData> dataType;

    EventType(String ceType, String topic, Class<? extends EventData> dataType) {
        this.ceType = ceType;
        this.topic = topic;
        this.dataType = dataType;
    }

    public String ceType() {
        return ceType;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends EventData> dataType() {
        return dataType;
    }

    public static Optional<EventType> fromCeType(String ceType) {
        return Optional.ofNullable(ceType).map(BY_CE_TYPE::get);
    }

    public static EventType of(EventData data) {
        EventType type = BY_DATA.get(data.getClass());
        if (type == null) {
            throw new IllegalArgumentException(
                    "not an event of the contract: " + data.getClass().getName());
        }
        return type;
    }
}
