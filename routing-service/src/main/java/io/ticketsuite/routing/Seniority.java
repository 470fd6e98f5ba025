package io.ticketsuite.routing;

/** An agent's seniority. */
public enum Seniority {
    JUNIOR,
    SENIOR,
    LEAD
}
