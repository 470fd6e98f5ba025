package io.ticketsuite.events;

/** The kind of a ticket; it never changes. Written in upper snake case, read case-insensitively. */
public enum TicketType {
    SUPPORT,
    QUESTION,
    ESCALATION
}
