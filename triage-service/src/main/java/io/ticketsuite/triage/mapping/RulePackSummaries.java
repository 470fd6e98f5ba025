package io.ticketsuite.triage.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsuite.triage.classifier.RulePack;
import io.ticketsuite.triage.rest.dto.RulePackResponse;
import io.ticketsuite.triage.rest.dto.RulePackResponse.CategorySummary;
import io.ticketsuite.triage.rest.dto.RulePackResponse.PrioritySummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summarises a rule pack for {@code GET /api/v1/rules}. The compiled {@link RulePack} exposes its version and
 * scoring settings but not its terms, so the per-category terms and the priority rules are read from the same
 * YAML document the pack was compiled from (already validated by then).
 */
public final class RulePackSummaries {
    private RulePackSummaries() {}

    public static RulePackResponse summarise(RulePack pack, JsonNode yaml, String source) {
        List<CategorySummary> categories = new ArrayList<>();
        yaml.path("categories").fields().forEachRemaining(entry -> {
            JsonNode category = entry.getValue();
            Map<String, Double> terms = weights(category.path("terms"));
            Map<String, Double> phrases = weights(category.path("phrases"));
            categories.add(new CategorySummary(
                    entry.getKey(),
                    category.hasNonNull("description")
                            ? category.get("description").asText()
                            : null,
                    terms.size(),
                    phrases.size(),
                    terms,
                    phrases));
        });
        return new RulePackResponse(
                pack.version(),
                pack.description().isEmpty() ? null : pack.description(),
                source,
                pack.fallbackCategory(),
                pack.tiePrecedence(),
                pack.minConfidence(),
                pack.subjectWeight(),
                pack.categoryEntryCount(),
                pack.signalEntryCount(),
                categories,
                priority(yaml.path("priority")));
    }

    private static PrioritySummary priority(JsonNode priority) {
        Map<String, Map<String, String>> matrix = new LinkedHashMap<>();
        priority.path("matrix").fields().forEachRemaining(row -> {
            Map<String, String> cells = new LinkedHashMap<>();
            row.getValue()
                    .fields()
                    .forEachRemaining(
                            cell -> cells.put(cell.getKey(), cell.getValue().asText()));
            matrix.put(row.getKey(), cells);
        });
        Map<String, Integer> tiers = new LinkedHashMap<>();
        priority.path("tiers")
                .fields()
                .forEachRemaining(
                        tier -> tiers.put(tier.getKey(), tier.getValue().asInt()));
        JsonNode security = priority.path("security");
        return new PrioritySummary(
                text(priority, "default_urgency"),
                text(priority, "default_impact"),
                matrix,
                tiers,
                counts(priority.path("urgency")),
                counts(priority.path("impact")),
                security.path("signals").size(),
                text(security, "floor"),
                text(security, "escalate_to"));
    }

    /** Term → weight, heaviest first (pack order among equal weights). */
    private static Map<String, Double> weights(JsonNode entries) {
        List<Map.Entry<String, Double>> list = new ArrayList<>();
        entries.fields()
                .forEachRemaining(
                        e -> list.add(Map.entry(e.getKey(), e.getValue().asDouble())));
        list.sort(Comparator.comparing(Map.Entry<String, Double>::getValue).reversed());
        Map<String, Double> sorted = new LinkedHashMap<>();
        list.forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static Map<String, Integer> counts(JsonNode levels) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        levels.fields()
                .forEachRemaining(
                        level -> counts.put(level.getKey(), level.getValue().size()));
        return counts;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
