package io.ticketsuite.events;

/**
 * Lifecycle statuses; which transitions are legal depends on the ticket type (intake enforces it). {@code SCHEDULED}
 * (work planned with an estimate and a date) and {@code AWAITING_REVIEW} (fix done, being verified) are SUPPORT
 * work states: open, and working states for SLA (not paused).
 */
public enum TicketStatus {
    NEW,
    ACCEPTED,
    TRIAGED,
    ASSIGNED,
    IN_PROGRESS,
    SCHEDULED,
    AWAITING_REVIEW,
    WAITING_FOR_CUSTOMER,
    WAITING_FOR_THIRD_PARTY,
    RESOLVED,
    CLOSED,
    REOPENED;

    public boolean isOpen() {
        return this != RESOLVED && this != CLOSED;
    }
}
