package io.ticketsuite.triage.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.triage.TriageDecision;
import io.ticketsuite.triage.classifier.Classification;
import io.ticketsuite.triage.classifier.Explanation;
import io.ticketsuite.triage.rest.dto.ClassifyResponse;
import io.ticketsuite.triage.rest.dto.CorrectionResponse;
import io.ticketsuite.triage.rest.dto.TriageDecisionResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Converts between the classifier's result, the stored decision, the {@code ticket.triaged} event and the API
 * responses. The explanation travels as a snake_case JSON object written by the contract's own mapper.
 */
public final class TriageMapper {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private TriageMapper() {}

    /** The explanation as plain JSON data (snake_case keys), the shape stored and published. */
    public static Map<String, Object> explanation(Explanation explanation) {
        return EventCodec.mapper().convertValue(explanation, MAP);
    }

    public static TriageDecision decision(
            UUID ticketId,
            Classification classification,
            String customerTier,
            Instant decidedAt,
            UUID eventId,
            String subject,
            String description) {
        TriageDecision decision = new TriageDecision();
        decision.ticketId = ticketId;
        decision.category = classification.category();
        decision.priority = classification.priority();
        decision.confidence = classification.confidence();
        decision.explanation = toJson(explanation(classification.explanation()));
        decision.rulePackVersion = classification.explanation().rulePackVersion();
        decision.customerTier = customerTier;
        decision.decidedAt = decidedAt;
        decision.sourceEventId = eventId;
        decision.subject = subject;
        decision.description = description;
        return decision;
    }

    public static TicketTriaged triaged(TriageDecision decision) {
        return new TicketTriaged(
                decision.ticketId,
                decision.category,
                Priority.valueOf(decision.priority),
                decision.confidence,
                fromJson(decision.explanation),
                decision.rulePackVersion,
                decision.decidedAt);
    }

    public static TriageDecisionResponse toResponse(TriageDecision decision) {
        return toResponse(decision, List.of());
    }

    /** The decision with its corrections, oldest first; the last one is in force. */
    public static TriageDecisionResponse toResponse(TriageDecision decision, List<CorrectionResponse> corrections) {
        CorrectionResponse last = corrections.isEmpty() ? null : corrections.get(corrections.size() - 1);
        return new TriageDecisionResponse(
                decision.ticketId,
                decision.category,
                decision.priority,
                decision.confidence,
                fromJson(decision.explanation),
                decision.rulePackVersion,
                decision.customerTier,
                decision.decidedAt,
                decision.sourceEventId,
                last == null ? decision.category : last.category(),
                last == null ? decision.priority : last.priority(),
                corrections);
    }

    public static ClassifyResponse toResponse(Classification classification) {
        return new ClassifyResponse(
                classification.category(),
                classification.priority(),
                classification.confidence(),
                explanation(classification.explanation()));
    }

    static String toJson(Map<String, Object> explanation) {
        try {
            return EventCodec.mapper().writeValueAsString(explanation);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an explanation", e);
        }
    }

    static Map<String, Object> fromJson(String json) {
        try {
            return EventCodec.mapper().readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored explanation is not a JSON object", e);
        }
    }
}
