package io.ticketsuite.events;

/** P1 critical … P4 low. Written in upper snake case, read case-insensitively. */
public enum Priority {
    P1,
    P2,
    P3,
    P4
}
