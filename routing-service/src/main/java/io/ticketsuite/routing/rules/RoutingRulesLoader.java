package io.ticketsuite.routing.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.routing.selection.Strategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the routing rules from YAML (see {@code routing-rules.yaml}): a list {@code rules} of entries with
 * {@code id}, optional {@code when} ({@code category}, {@code tier}, {@code priority}: one value or a list),
 * {@code team}, {@code strategy} ({@code round-robin} or {@code least-loaded}), optional {@code immediate} and
 * {@code description}, optional {@code skills} (required of the agent); and an optional top-level
 * {@code category-skills} (category → skills). Unknown keys and values are refused with a message naming the rule.
 */
public final class RoutingRulesLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> RULE_KEYS =
            Set.of("id", "description", "when", "team", "strategy", "immediate", "skills");
    private static final Set<String> ROOT_KEYS = Set.of("version", "rules", "category-skills");
    private static final Set<String> WHEN_KEYS = Set.of("category", "tier", "priority");

    private RoutingRulesLoader() {}

    /** Loads {@code classpath:<resource>} or a file path. */
    public static RoutingRules load(String location) {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            try (InputStream in = (loader != null ? loader : RoutingRulesLoader.class.getClassLoader())
                    .getResourceAsStream(resource)) {
                if (in == null) {
                    throw new InvalidRulesException("routing rules resource '" + resource + "' not found");
                }
                return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            return parse(Files.readString(Path.of(location)));
        } catch (IOException e) {
            throw new InvalidRulesException("cannot read routing rules file '" + location + "': " + e.getMessage(), e);
        }
    }

    public static RoutingRules parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new InvalidRulesException("routing rules are not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.path("rules").isArray()) {
            throw new InvalidRulesException("routing rules need a list 'rules'");
        }
        unknownKeys(root, ROOT_KEYS, "routing rules");
        List<RoutingRule> rules = new ArrayList<>();
        int index = 0;
        for (JsonNode node : root.get("rules")) {
            rules.add(rule(node, index++));
        }
        Map<String, Set<String>> categorySkills = new LinkedHashMap<>();
        JsonNode skills = root.path("category-skills");
        if (!skills.isMissingNode() && !skills.isNull()) {
            if (!skills.isObject()) {
                throw new InvalidRulesException("'category-skills' must be a mapping category → skills");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = skills.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String category = entry.getKey().trim().toLowerCase(Locale.ROOT);
                categorySkills.put(
                        category, values(entry.getValue(), "category-skills", category, RoutingRulesLoader::skill));
            }
        }
        return new RoutingRules(rules, categorySkills);
    }

    private static RoutingRule rule(JsonNode node, int index) {
        if (!node.isObject()) {
            throw new InvalidRulesException("rule #" + (index + 1) + " is not a mapping");
        }
        String id = text(node, "id", "rule #" + (index + 1));
        String where = "rule '" + id + "'";
        unknownKeys(node, RULE_KEYS, where);
        JsonNode when = node.path("when");
        if (!when.isMissingNode() && !when.isNull() && !when.isObject()) {
            throw new InvalidRulesException(where + ": 'when' must be a mapping");
        }
        if (when.isObject()) {
            unknownKeys(when, WHEN_KEYS, where + " when");
        }
        Set<String> categories = values(when.path("category"), where, "category", v -> v.toLowerCase(Locale.ROOT));
        Set<CustomerTier> tiers =
                values(when.path("tier"), where, "tier", v -> enumValue(CustomerTier.class, v, where));
        Set<Priority> priorities =
                values(when.path("priority"), where, "priority", v -> enumValue(Priority.class, v, where));
        String team = text(node, "team", where);
        Strategy strategy =
                enumValue(Strategy.class, text(node, "strategy", where).replace('-', '_'), where);
        JsonNode immediate = node.path("immediate");
        if (!immediate.isMissingNode() && !immediate.isBoolean()) {
            throw new InvalidRulesException(where + ": 'immediate' must be true or false");
        }
        String description = node.path("description").asText(null);
        Set<String> skills = values(node.path("skills"), where, "skills", RoutingRulesLoader::skill);
        return new RoutingRule(
                id, categories, tiers, priorities, team, strategy, immediate.asBoolean(false), description, skills);
    }

    private static String skill(String value) {
        if (value.isBlank()) {
            throw new InvalidRulesException("a skill must not be blank");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new InvalidRulesException(where + ": '" + field + "' is required");
        }
        return value.asText().trim();
    }

    private static <T> Set<T> values(JsonNode node, String where, String field, Function<String, T> parse) {
        Set<T> values = new LinkedHashSet<>();
        if (node.isMissingNode() || node.isNull()) {
            return values;
        }
        if (node.isValueNode()) {
            values.add(parse.apply(node.asText().trim()));
        } else if (node.isArray() && !node.isEmpty()) {
            for (JsonNode value : node) {
                if (!value.isValueNode()) {
                    throw new InvalidRulesException(where + ": '" + field + "' must be a value or a list of values");
                }
                values.add(parse.apply(value.asText().trim()));
            }
        } else {
            throw new InvalidRulesException(where + ": '" + field + "' must be a value or a non-empty list");
        }
        return values;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String where) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRulesException(
                    where + ": invalid value '" + value + "'; allowed: " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidRulesException(where + ": unknown key '" + name + "'; allowed: "
                        + allowed.stream().sorted().toList());
            }
        }
    }
}
