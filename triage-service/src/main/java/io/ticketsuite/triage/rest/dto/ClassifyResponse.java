package io.ticketsuite.triage.rest.dto;

import java.util.Map;

/** What the classifier decided, with its explanation (scores, matched terms, negations, priority rule). */
public record ClassifyResponse(String category, String priority, double confidence, Map<String, Object> explanation) {}
