package io.ticketsuite.events;

/**
 * One person an escalation was sent to: a staff id resolved by routing, a display name and the role that
 * made them a target (team-lead, on-call, ciso, legal, cto, engineering-lead, …).
 */
public record EscalationTarget(String staffId, String name, String role) {}
