package io.ticketsuite.intake.rest;

import io.ticketsuite.events.EscalationKind;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.intake.rest.dto.CreateTicketRequest;
import io.ticketsuite.kit.problem.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The type-specific fields of a new ticket: SUPPORT ones ({@code reproduction}, {@code affected},
 * {@code error_messages}, {@code environment}) only on a SUPPORT ticket, ESCALATION ones ({@code client},
 * {@code escalation_types}, {@code action_taken}, {@code evidence}, {@code relationship_impact},
 * {@code suggested_next_steps}) only on an ESCALATION; an ESCALATION that gives any of its fields names the client
 * and a non-empty set of kinds. Bean validation checks sizes; this checks what depends on the type.
 */
public final class TypeFields {
    private TypeFields() {}

    /** Every type-specific field error of {@code request}, each naming its field; empty when it is valid. */
    public static List<Problem.FieldError> errors(CreateTicketRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.type() == null) {
            return errors;
        }
        Map<String, Object> support = new LinkedHashMap<>();
        support.put("reproduction", request.reproduction());
        support.put("affected", request.affected());
        support.put("error_messages", request.errorMessages());
        support.put("environment", request.environment());
        Map<String, Object> escalation = new LinkedHashMap<>();
        escalation.put("client", request.client());
        escalation.put("escalation_types", request.escalationTypes());
        escalation.put("action_taken", request.actionTaken());
        escalation.put("evidence", request.evidence());
        escalation.put("relationship_impact", request.relationshipImpact());
        escalation.put("suggested_next_steps", request.suggestedNextSteps());
        if (request.type() != TicketType.SUPPORT) {
            refuse(errors, support, TicketType.SUPPORT, request.type());
        }
        if (request.type() != TicketType.ESCALATION) {
            refuse(errors, escalation, TicketType.ESCALATION, request.type());
        }
        if (request.type() == TicketType.ESCALATION && request.hasEscalationDetails()) {
            if (request.client() == null || request.client().isBlank()) {
                errors.add(new Problem.FieldError("client", "is required with the escalation details: the client"));
            }
            List<EscalationKind> kinds = request.escalationTypes();
            if (kinds == null || kinds.isEmpty()) {
                errors.add(new Problem.FieldError(
                        "escalation_types", "must name at least one of " + List.of(EscalationKind.values())));
            } else if (new HashSet<>(kinds).size() != kinds.size()) {
                errors.add(new Problem.FieldError("escalation_types", "is a set: name each kind once"));
            }
        }
        return errors;
    }

    private static void refuse(
            List<Problem.FieldError> errors, Map<String, Object> fields, TicketType owner, TicketType type) {
        fields.forEach((name, value) -> {
            if (value != null) {
                errors.add(
                        new Problem.FieldError(name, "is a " + owner + " field; not allowed on a " + type + " ticket"));
            }
        });
    }
}
