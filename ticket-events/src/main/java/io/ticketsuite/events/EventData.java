package io.ticketsuite.events;

import java.util.UUID;

/** The data of an event: every event is about one ticket, whose id is the Kafka key. */
public interface EventData {
    UUID ticketId();
}
