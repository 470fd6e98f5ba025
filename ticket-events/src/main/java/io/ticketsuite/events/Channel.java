package io.ticketsuite.events;

/** Where a ticket came from. Written in upper snake case, read case-insensitively. */
public enum Channel {
    EMAIL,
    WEB,
    CHAT,
    PHONE,
    API,
    MONITORING
}
