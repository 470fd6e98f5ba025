package io.ticketsuite.routing.rest.dto;

import io.ticketsuite.routing.selection.Strategy;
import java.util.List;

/** One routing rule, in evaluation order (the first match wins). */
public record RuleResponse(
        int order,
        String id,
        String description,
        List<String> categories,
        List<String> tiers,
        List<String> priorities,
        String teamId,
        Strategy strategy,
        boolean immediate) {}
