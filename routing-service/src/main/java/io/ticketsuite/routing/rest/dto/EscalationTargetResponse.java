package io.ticketsuite.routing.rest.dto;

/** A person an escalation was sent to: staff id, name, and the role that made them a target. */
public record EscalationTargetResponse(String staffId, String name, String role) {}
