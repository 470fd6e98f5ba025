package io.ticketsuite.sla.mapping;

import io.ticketsuite.events.Customer;
import java.time.ZoneId;

/**
 * The customer's time zone from {@code ticket.created}, the one place that reads it. The event's {@link Customer}
 * has no {@code time_zone} yet (another change adds it, optional, IANA id); until then every ticket uses its
 * calendar's configured zone. Once the field exists: {@code return zone(customer.timeZone());}.
 */
public final class CustomerZone {
    private CustomerZone() {}

    /** The customer's zone, or null for the calendar's configured zone. */
    public static ZoneId of(Customer customer) {
        return null;
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
