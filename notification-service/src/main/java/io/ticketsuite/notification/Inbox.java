package io.ticketsuite.notification;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whose notifications a request reads: the recipient keys (inbox keys, {@link TicketInfo#normalise normalised}) and
 * the recipient roles the rows were addressed in. A customer's inbox holds only {@code CUSTOMER} rows, a staff
 * member's only staff rows, so a staff id that happens to equal a customer's address (or the reverse) opens nothing
 * of the other's.
 */
public record Inbox(List<String> recipients, Set<RecipientRole> roles) {
    static final Set<RecipientRole> STAFF_ROLES = EnumSet.complementOf(EnumSet.of(RecipientRole.CUSTOMER));

    public Inbox {
        recipients = List.copyOf(recipients);
        roles = Set.copyOf(roles);
    }

    /** A member of staff's own inbox: their staff id (the token's subject). */
    public static Inbox ofStaff(String staffId) {
        return new Inbox(List.of(TicketInfo.normalise(staffId)), STAFF_ROLES);
    }

    /**
     * A customer's own inbox: messages addressed to their e-mail address and, for tickets that carried no e-mail,
     * to their customer id ({@link TicketInfo#customerAddress()}). Empty when the token names neither.
     */
    public static Optional<Inbox> ofCustomer(String customerId, String email) {
        List<String> keys = new ArrayList<>();
        if (email != null && !email.isBlank()) {
            keys.add(TicketInfo.normalise(email));
        }
        if (customerId != null && !customerId.isBlank() && !keys.contains(customerId.trim())) {
            keys.add(customerId.trim());
        }
        return keys.isEmpty() ? Optional.empty() : Optional.of(new Inbox(keys, EnumSet.of(RecipientRole.CUSTOMER)));
    }

    /** Everything addressed to one recipient, in any role (what an admin reads). */
    public static Inbox anyRole(String recipient) {
        return new Inbox(List.of(TicketInfo.normalise(recipient)), EnumSet.allOf(RecipientRole.class));
    }

    /** This inbox narrowed to one of its own keys; empty when the recipient is not one of them. */
    public Optional<Inbox> narrowTo(String recipient) {
        String key = TicketInfo.normalise(recipient);
        return recipients.contains(key) ? Optional.of(new Inbox(List.of(key), roles)) : Optional.empty();
    }
}
