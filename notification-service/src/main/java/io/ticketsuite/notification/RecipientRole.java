package io.ticketsuite.notification;

/** Whom a notification is for: the customer of the ticket, or a member of staff in one of four roles. */
public enum RecipientRole {
    CUSTOMER,
    AGENT,
    TEAM_LEAD,
    MANAGER,
    DIRECTOR;

    public boolean isStaff() {
        return this != CUSTOMER;
    }
}
