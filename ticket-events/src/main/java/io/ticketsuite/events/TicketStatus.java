package io.ticketsuite.events;

/** Lifecycle statuses; which transitions are legal depends on the ticket type (intake enforces it). */
public enum TicketStatus {
    NEW,
    ACCEPTED,
    TRIAGED,
    ASSIGNED,
    IN_PROGRESS,
    WAITING_FOR_CUSTOMER,
    WAITING_FOR_THIRD_PARTY,
    RESOLVED,
    CLOSED,
    REOPENED;

    public boolean isOpen() {
        return this != RESOLVED && this != CLOSED;
    }
}
