package io.ticketsuite.events;

/** Who may see a comment. Written in upper snake case, read case-insensitively. */
public enum Visibility {
    PUBLIC,
    INTERNAL
}
