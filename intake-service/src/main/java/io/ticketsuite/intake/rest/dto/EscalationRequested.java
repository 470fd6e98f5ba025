package io.ticketsuite.intake.rest.dto;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to POST /api/v1/tickets/{id}/escalate: the request, as published on ticket.escalation-requested. */
@Schema(name = "EscalationRequested")
public record EscalationRequested(UUID ticketId, String reason, String requestedBy, Instant requestedAt) {}
