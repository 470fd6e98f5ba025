package io.ticketsuite.notification;

/**
 * Whom a notification is for: the customer of the ticket, or a member of staff in one of their roles
 * ({@code ESCALATION_TARGET}: a person routing's escalation matrix named, e.g. the on-call engineer, the CISO).
 */
public enum RecipientRole {
    CUSTOMER,
    AGENT,
    TEAM_LEAD,
    MANAGER,
    DIRECTOR,
    ESCALATION_TARGET;

    public boolean isStaff() {
        return this != CUSTOMER;
    }
}
