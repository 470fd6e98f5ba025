package io.ticketsuite.notification;

import io.ticketsuite.events.TicketType;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** What this service knows of a ticket from its ticket.created: enough to address and greet the customer. */
public record TicketInfo(UUID ticketId, TicketType type, String subject, String customerId, String customerEmail) {

    /** ESCALATION tickets are internal: their customer is never told anything. */
    public boolean internal() {
        return type == TicketType.ESCALATION;
    }

    /** The customer's inbox key: the e-mail address (lower-cased), or the customer id when there is none. */
    public Optional<String> customerAddress() {
        if (customerEmail != null && !customerEmail.isBlank()) {
            return Optional.of(normalise(customerEmail));
        }
        if (customerId != null && !customerId.isBlank()) {
            return Optional.of(customerId.trim());
        }
        return Optional.empty();
    }

    /** Inbox keys: e-mail addresses compare case-insensitively, staff ids as they are. */
    public static String normalise(String recipient) {
        String trimmed = recipient.trim();
        return trimmed.contains("@") ? trimmed.toLowerCase(Locale.ROOT) : trimmed;
    }
}
