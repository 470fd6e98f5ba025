package io.ticketsuite.events;

/** The kinds of concern an ESCALATION ticket raises about a client; several may apply. Upper snake case on the wire. */
public enum EscalationKind {
    SCOPE_CREEP,
    DELIVERY_DELAY,
    QUALITY_PROBLEM,
    SERVICE_COMPLAINT,
    COMMUNICATION_PROBLEM
}
