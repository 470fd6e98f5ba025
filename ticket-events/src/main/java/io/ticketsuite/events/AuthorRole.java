package io.ticketsuite.events;

/** Who wrote a comment. Written in upper snake case, read case-insensitively. */
public enum AuthorRole {
    CUSTOMER,
    AGENT
}
