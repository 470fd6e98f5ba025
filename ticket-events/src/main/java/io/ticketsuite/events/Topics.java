package io.ticketsuite.events;

import java.util.List;

/** Kafka topic names of the suite: one topic per writing service, plus their dead-letter topics. */
public final class Topics {
    public static final String TICKET_EVENTS = "ticket-events";
    public static final String TRIAGE_EVENTS = "triage-events";
    public static final String ROUTING_EVENTS = "routing-events";
    public static final String SLA_EVENTS = "sla-events";
    public static final String NOTIFICATION_EVENTS = "notification-events";

    /** Suffix of the dead-letter topic of a consumer: {@code <service>-dlq}. */
    public static final String DLQ_SUFFIX = "-dlq";

    public static final List<String> ALL =
            List.of(TICKET_EVENTS, TRIAGE_EVENTS, ROUTING_EVENTS, SLA_EVENTS, NOTIFICATION_EVENTS);

    /** Dead-letter topics, one per consuming service. */
    public static final List<String> DEAD_LETTER = List.of(
            "intake-service-dlq",
            "triage-service-dlq",
            "routing-service-dlq",
            "sla-service-dlq",
            "notification-service-dlq",
            "reporting-service-dlq");

    public static final int PARTITIONS = 6;

    private Topics() {}

    public static String deadLetterTopic(String service) {
        return service + DLQ_SUFFIX;
    }
}
