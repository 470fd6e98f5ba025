package io.ticketsuite.events;

/** The two clocks of a ticket. Written in upper snake case, read case-insensitively. */
public enum SlaClock {
    RESPONSE,
    RESOLUTION
}
