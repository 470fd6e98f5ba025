package io.ticketsuite.sla.mapping;

import io.ticketsuite.events.Customer;
import java.time.ZoneId;

/**
 * The customer's time zone from {@code ticket.created} ({@code customer.time_zone}, optional, an IANA id), the one
 * place that reads it; without one (or with one {@code java.time} does not know) the calendar's configured zone
 * applies.
 */
public final class CustomerZone {
    private CustomerZone() {}

    /** The customer's zone, or null for the calendar's configured zone. */
    public static ZoneId of(Customer customer) {
        return customer == null ? null : zone(customer.timeZone());
    }

    /** An IANA id as a zone; null (the calendar's zone) for a missing or unknown id. */
    static ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
