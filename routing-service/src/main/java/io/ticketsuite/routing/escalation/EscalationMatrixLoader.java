package io.ticketsuite.routing.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ticketsuite.events.Channel;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventType;
import io.ticketsuite.events.Priority;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the escalation matrix from YAML (see {@code escalation-matrix.yaml}) and checks it: every problem (unknown
 * key or value, a trigger event the matrix cannot act on, a level without targets, a level that is not the last
 * without {@code acknowledge-within}, an override naming no rule, a duplicate id) is collected and the whole file is
 * refused with all of them.
 */
public final class EscalationMatrixLoader {
    /** The events a rule may trigger on (routing consumes exactly these for escalations). */
    public static final Set<String> TRIGGER_EVENTS = Set.of(
            EventType.TICKET_CREATED.ceType(),
            EventType.TICKET_TRIAGED.ceType(),
            EventType.TICKET_RECLASSIFIED.ceType(),
            EventType.SLA_BREACHED.ceType(),
            EventType.ISSUE_RECURRING_DETECTED.ceType(),
            EventType.TICKET_ESCALATION_REQUESTED.ceType());

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> ROOT_KEYS = Set.of("version", "default-team", "rules");
    private static final Set<String> RULE_KEYS = Set.of("id", "description", "when", "once-per", "overrides", "levels");
    private static final Set<String> WHEN_KEYS =
            Set.of("events", "category", "priority", "channel", "tags", "tier", "evidence", "any-of");
    private static final Set<String> LEVEL_KEYS = Set.of("name", "targets", "immediate", "acknowledge-within");

    private final List<String> problems = new ArrayList<>();

    private EscalationMatrixLoader() {}

    /** Loads {@code classpath:<resource>} or a file path. */
    public static EscalationMatrix load(String location) {
        String text;
        try {
            if (location.startsWith("classpath:")) {
                String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                try (InputStream in = (loader != null ? loader : EscalationMatrixLoader.class.getClassLoader())
                        .getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new InvalidMatrixException(List.of("resource '" + resource + "' not found"));
                    }
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } else {
                text = Files.readString(Path.of(location));
            }
        } catch (IOException e) {
            throw new InvalidMatrixException(List.of("cannot read '" + location + "': " + e.getMessage()));
        }
        return parse(text);
    }

    public static EscalationMatrix parse(String yaml) {
        return new EscalationMatrixLoader().read(yaml);
    }

    private EscalationMatrix read(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new InvalidMatrixException(List.of("not valid YAML: " + e.getMessage()));
        }
        if (root == null || !root.isObject() || !root.path("rules").isArray()) {
            throw new InvalidMatrixException(List.of("the matrix needs a list 'rules'"));
        }
        unknownKeys(root, ROOT_KEYS, "matrix");
        String defaultTeam = text(root, "default-team", "matrix");
        List<EscalationRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode node : root.get("rules")) {
            index++;
            EscalationRule rule = rule(node, index);
            if (rule != null) {
                if (!ids.add(rule.id())) {
                    problems.add("rule '" + rule.id() + "': duplicate id");
                }
                rules.add(rule);
            }
        }
        if (rules.isEmpty() && problems.isEmpty()) {
            problems.add("the matrix has no rules");
        }
        for (EscalationRule rule : rules) {
            for (String overridden : rule.overrides()) {
                if (!ids.contains(overridden) || overridden.equals(rule.id())) {
                    problems.add("rule '" + rule.id() + "': overrides unknown rule '" + overridden + "'");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMatrixException(problems);
        }
        return new EscalationMatrix(defaultTeam, rules);
    }

    private EscalationRule rule(JsonNode node, int index) {
        if (!node.isObject()) {
            problems.add("rule #" + index + ": not a mapping");
            return null;
        }
        String id = text(node, "id", "rule #" + index);
        String where = "rule '" + (id == null ? "#" + index : id) + "'";
        unknownKeys(node, RULE_KEYS, where);
        String description = node.path("description").asText(id);
        JsonNode when = node.path("when");
        if (!when.isObject()) {
            problems.add(where + ": needs a mapping 'when' with 'events'");
            return null;
        }
        Set<String> events = values(when.path("events"), where + " when.events", v -> v.trim());
        if (events.isEmpty()) {
            problems.add(where + ": 'when.events' names no event");
        }
        for (String event : events) {
            if (!TRIGGER_EVENTS.contains(event)) {
                problems.add(where + ": cannot trigger on '" + event + "' (one of "
                        + new java.util.TreeSet<>(TRIGGER_EVENTS) + ")");
            }
        }
        Conditions conditions = conditions(when, where + " when", true);
        EscalationRule.OncePer oncePer = EscalationRule.OncePer.TICKET;
        if (node.has("once-per")) {
            oncePer =
                    enumValue(EscalationRule.OncePer.class, node.get("once-per").asText(), where + " once-per");
        }
        Set<String> overrides = values(node.path("overrides"), where + " overrides", String::trim);
        JsonNode levelNodes = node.path("levels");
        List<EscalationLevel> levels = new ArrayList<>();
        if (!levelNodes.isArray() || levelNodes.isEmpty()) {
            problems.add(where + ": needs a non-empty list 'levels'");
        } else {
            int number = 0;
            for (JsonNode level : levelNodes) {
                number++;
                EscalationLevel parsed = level(level, where + " level " + number, number == levelNodes.size());
                if (parsed != null) {
                    levels.add(parsed);
                }
            }
        }
        if (id == null || conditions == null || oncePer == null || levels.size() != levelNodes.size()) {
            return null;
        }
        return new EscalationRule(id, description, events, conditions, oncePer, overrides, levels);
    }

    private Conditions conditions(JsonNode when, String where, boolean top) {
        if (!when.isObject()) {
            problems.add(where + ": not a mapping");
            return null;
        }
        Set<String> keys = new HashSet<>(WHEN_KEYS);
        if (!top) {
            keys.remove("events");
        }
        unknownKeys(when, keys, where);
        List<Conditions> anyOf = new ArrayList<>();
        JsonNode any = when.path("any-of");
        if (!any.isMissingNode()) {
            if (!any.isArray() || any.isEmpty()) {
                problems.add(where + ": 'any-of' must be a non-empty list of conditions");
            } else {
                for (JsonNode nested : any) {
                    Conditions c = conditions(nested, where + " any-of", false);
                    if (c != null) {
                        anyOf.add(c);
                    }
                }
            }
        }
        return new Conditions(
                values(when.path("category"), where + " category", v -> v.trim().toLowerCase(Locale.ROOT)),
                values(
                        when.path("priority"),
                        where + " priority",
                        v -> enumValue(Priority.class, v, where + " priority")),
                values(when.path("channel"), where + " channel", v -> enumValue(Channel.class, v, where + " channel")),
                values(when.path("tags"), where + " tags", v -> v.trim().toLowerCase(Locale.ROOT)),
                values(when.path("tier"), where + " tier", v -> enumValue(CustomerTier.class, v, where + " tier")),
                values(when.path("evidence"), where + " evidence", v -> v.trim().toLowerCase(Locale.ROOT)),
                anyOf);
    }

    private EscalationLevel level(JsonNode node, String where, boolean last) {
        if (!node.isObject()) {
            problems.add(where + ": not a mapping");
            return null;
        }
        unknownKeys(node, LEVEL_KEYS, where);
        String name = text(node, "name", where);
        List<TargetSpec> targets = new ArrayList<>();
        JsonNode targetNodes = node.path("targets");
        if (!targetNodes.isArray() || targetNodes.isEmpty()) {
            problems.add(where + ": needs a non-empty list 'targets'");
        } else {
            for (JsonNode target : targetNodes) {
                TargetSpec spec = target(target, where);
                if (spec != null) {
                    targets.add(spec);
                }
            }
        }
        JsonNode immediate = node.path("immediate");
        if (!immediate.isMissingNode() && !immediate.isBoolean()) {
            problems.add(where + ": 'immediate' must be true or false");
        }
        Duration within = null;
        JsonNode deadline = node.path("acknowledge-within");
        if (!deadline.isMissingNode() && !deadline.isNull()) {
            try {
                within = Duration.parse(deadline.asText());
                if (within.isNegative() || within.isZero()) {
                    problems.add(where + ": 'acknowledge-within' must be positive");
                }
            } catch (DateTimeParseException e) {
                problems.add(where + ": 'acknowledge-within' is not an ISO-8601 duration (e.g. PT30M): "
                        + deadline.asText());
            }
        } else if (!last) {
            problems.add(where + ": needs 'acknowledge-within' (a later level follows it)");
        }
        if (name == null || targets.size() != targetNodes.size()) {
            return null;
        }
        return new EscalationLevel(name, targets, immediate.asBoolean(false), within);
    }

    private TargetSpec target(JsonNode node, String where) {
        if (!node.isObject() || node.size() != 1) {
            problems.add(where + ": a target is one of {team-lead: <team>}, {on-call: <team>}, {contact: <role>}");
            return null;
        }
        String key = node.fieldNames().next();
        String ref = node.get(key).asText("").trim();
        for (TargetSpec.Kind kind : TargetSpec.Kind.values()) {
            if (kind.key().equals(key)) {
                if (ref.isEmpty()) {
                    problems.add(where + ": target '" + key + "' names nothing");
                    return null;
                }
                return new TargetSpec(kind, ref);
            }
        }
        problems.add(where + ": unknown target '" + key + "' (team-lead, on-call or contact)");
        return null;
    }

    private String text(JsonNode node, String key, String where) {
        JsonNode value = node.path(key);
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(where + ": needs '" + key + "'");
            return null;
        }
        return value.asText().trim();
    }

    private <T> Set<T> values(JsonNode node, String where, Function<String, T> parse) {
        Set<T> values = new LinkedHashSet<>();
        if (node.isMissingNode() || node.isNull()) {
            return values;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                add(values, item, where, parse);
            }
        } else {
            add(values, node, where, parse);
        }
        return values;
    }

    private <T> void add(Set<T> values, JsonNode item, String where, Function<String, T> parse) {
        if (!item.isValueNode() || item.asText().isBlank()) {
            problems.add(where + ": '" + item + "' is not a value");
            return;
        }
        T value = parse.apply(item.asText());
        if (value != null) {
            values.add(value);
        }
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, String value, String where) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            problems.add(where + ": unknown value '" + value + "'");
            return null;
        }
    }

    private void unknownKeys(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                problems.add(where + ": unknown key '" + key + "'");
            }
        }
    }
}
