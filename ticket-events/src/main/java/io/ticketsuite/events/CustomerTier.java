package io.ticketsuite.events;

/** A customer's support plan. Written in upper snake case, read case-insensitively. */
public enum CustomerTier {
    ENTERPRISE,
    PROFESSIONAL,
    STARTER,
    FREE
}
