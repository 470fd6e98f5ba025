package io.ticketsuite.intake.security;

import io.ticketsuite.events.AuthorRole;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.intake.Ticket;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.security.Caller;
import io.ticketsuite.kit.security.Roles;
import java.util.Locale;
import java.util.Objects;

/**
 * Who acts on tickets, as the verified bearer token says (never a request body): staff (agents, leads, admins) see
 * and change everything; a channel system creates tickets for any customer; a customer sees and changes only their
 * own tickets, never an ESCALATION.
 *
 * @param id the principal id (the token's subject: a staff id, a customer's or a channel's subject)
 * @param role the principal's most privileged role ({@link Roles})
 * @param customerId the customer id claim of a customer; null for staff and channels
 */
public record Actor(String id, String role, Kind kind, String customerId) {

    public enum Kind {
        STAFF,
        CHANNEL,
        CUSTOMER
    }

    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.CUSTOMER && (customerId == null || customerId.isBlank())) {
            throw new IllegalArgumentException("a customer actor needs a customer id");
        }
    }

    /**
     * The caller as it may act where channels are not let in (reads, comments, status): staff, or else a customer.
     * A token with both the channel and the customer role is taken as the customer here.
     */
    public static Actor reader(Caller caller) {
        if (caller.isStaff()) {
            return staff(caller);
        }
        if (caller.is(Roles.CUSTOMER)) {
            return customer(caller);
        }
        throw ProblemException.forbidden("This operation is for customers and staff");
    }

    /** The caller as it may create tickets: staff, a channel system, or a customer. */
    public static Actor creator(Caller caller) {
        if (caller.isStaff()) {
            return staff(caller);
        }
        if (caller.is(Roles.CHANNEL)) {
            return new Actor(caller.id(), Roles.CHANNEL, Kind.CHANNEL, null);
        }
        if (caller.is(Roles.CUSTOMER)) {
            return customer(caller);
        }
        throw ProblemException.forbidden("Creating tickets is for customers, channels and staff");
    }

    public static Actor staff(String id, String role) {
        return new Actor(id, role, Kind.STAFF, null);
    }

    public static Actor customer(String id, String customerId) {
        return new Actor(id, Roles.CUSTOMER, Kind.CUSTOMER, customerId);
    }

    private static Actor staff(Caller caller) {
        return staff(caller.id(), caller.role());
    }

    private static Actor customer(Caller caller) {
        String customerId = caller.customerId()
                .orElseThrow(() -> ProblemException.forbidden(
                        "The token has the customer role but no customer id claim; ask the identity provider's"
                                + " administrator to add it"));
        return customer(caller.id(), customerId);
    }

    public boolean isStaff() {
        return kind == Kind.STAFF;
    }

    public boolean isCustomer() {
        return kind == Kind.CUSTOMER;
    }

    public boolean isChannel() {
        return kind == Kind.CHANNEL;
    }

    /**
     * Whether the actor may know this ticket exists: staff see every ticket, a customer only their own and never an
     * ESCALATION (anything else answers 404, like an unknown id).
     */
    public boolean maySee(Ticket ticket) {
        return switch (kind) {
            case STAFF -> true;
            case CUSTOMER -> customerId.equals(ticket.customerId) && ticket.type != TicketType.ESCALATION;
            case CHANNEL -> false;
        };
    }

    /** The role a comment by this actor is recorded with: a customer's is CUSTOMER, staff's AGENT. */
    public AuthorRole authorRole() {
        return isCustomer() ? AuthorRole.CUSTOMER : AuthorRole.AGENT;
    }

    /** The role as events write it (upper case: CUSTOMER, AGENT, LEAD, ADMIN, CHANNEL). */
    public String eventRole() {
        return role.toUpperCase(Locale.ROOT);
    }
}
