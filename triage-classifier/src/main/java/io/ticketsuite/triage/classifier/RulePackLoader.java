package io.ticketsuite.triage.classifier;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/** Parses and validates a YAML rule pack, collecting every problem before failing. */
final class RulePackLoader {

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final Set<String> TOP_KEYS =
            Set.of("version", "description", "analysis", "scoring", "negation", "categories", "priority");
    private static final Set<String> ANALYSIS_KEYS = Set.of("stem_exclusions");
    private static final Set<String> SCORING_KEYS = Set.of(
            "subject_weight",
            "repeat_weight",
            "max_repeats",
            "evidence_scale",
            "min_confidence",
            "fallback_category",
            "tie_precedence",
            "overrides");
    private static final Set<String> NEGATION_KEYS = Set.of("cues", "window", "scope_breakers", "suppressors");
    private static final Set<String> CATEGORY_KEYS = Set.of("description", "terms", "phrases");
    private static final Set<String> PRIORITY_KEYS = Set.of(
            "default_urgency", "default_impact", "matrix", "tiers", "urgency", "impact", "security", "category_floors");
    private static final Set<String> FLOOR_KEYS = Set.of("floor", "escalate_to", "escalate_on");
    private static final Set<String> SECURITY_KEYS = Set.of("signals", "floor", "escalate_to");

    private final List<String> problems = new ArrayList<>();
    private TicketAnalyzer analyzer = new TicketAnalyzer();

    private RulePackLoader() {}

    static RulePack load(InputStream in) {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (JsonProcessingException e) {
            throw new RulePackException("rule pack is not valid YAML: " + e.getOriginalMessage() + locationOf(e), e);
        } catch (IOException e) {
            throw new RulePackException("rule pack could not be read: " + e.getMessage(), e);
        }
        return new RulePackLoader().build(root);
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }

    private RulePack build(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new RulePackException(List.of("the rule pack is empty"));
        }
        if (!root.isObject()) {
            throw new RulePackException(List.of("the rule pack must be a mapping with keys " + sorted(TOP_KEYS)));
        }
        unknownKeys(root, TOP_KEYS, "");
        String version = requiredText(root, "version", "");
        String description =
                root.hasNonNull("description") ? root.get("description").asText() : "";
        analysis(root.get("analysis"));

        Lexicon.Builder categoryLexicon = new Lexicon.Builder();
        List<String> categories = categories(root.get("categories"), categoryLexicon);
        RulePack.Scoring scoring = scoring(mapping(root, "scoring", ""), categories);
        Negation negation = negation(mapping(root, "negation", ""));
        Lexicon.Builder signalLexicon = new Lexicon.Builder();
        RulePack.PriorityRules priority = priority(mapping(root, "priority", ""), signalLexicon, categories);

        if (!problems.isEmpty()) {
            throw new RulePackException(problems);
        }
        return new RulePack(
                version,
                description,
                categories,
                scoring,
                negation,
                priority,
                analyzer,
                categoryLexicon.build(),
                signalLexicon.build());
    }

    // ---- sections -------------------------------------------------------------------------

    private List<String> categories(JsonNode node, Lexicon.Builder lexicon) {
        List<String> names = new ArrayList<>();
        if (node == null || node.isNull()) {
            problems.add("categories: missing (need at least one category with terms or phrases)");
            return names;
        }
        if (!node.isObject() || node.isEmpty()) {
            problems.add("categories: must be a non-empty mapping of category name to {terms, phrases}");
            return names;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> category = it.next();
            String name = category.getKey();
            String path = "categories." + name;
            if (!name.matches("[a-z][a-z0-9_-]*")) {
                problems.add(path + ": category names must be lower-case identifiers");
            }
            names.add(name);
            JsonNode body = category.getValue();
            if (body == null || !body.isObject()) {
                problems.add(path + ": must be a mapping with 'terms' and/or 'phrases'");
                continue;
            }
            unknownKeys(body, CATEGORY_KEYS, path + ".");
            int before = problems.size();
            int added = weightedEntries(body.get("terms"), path + ".terms", name, false, lexicon)
                    + weightedEntries(body.get("phrases"), path + ".phrases", name, true, lexicon);
            if (added == 0 && problems.size() == before) {
                problems.add(path + ": has no terms or phrases");
            }
        }
        return names;
    }

    private int weightedEntries(JsonNode node, String path, String owner, boolean phrases, Lexicon.Builder lexicon) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isObject()) {
            problems.add(path + ": must be a mapping of " + (phrases ? "phrase" : "term") + " to weight");
            return 0;
        }
        int added = 0;
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String entryPath = path + "." + e.getKey();
            JsonNode w = e.getValue();
            if (w == null || !w.isNumber() || !(w.asDouble() > 0) || Double.isInfinite(w.asDouble())) {
                problems.add(entryPath + ": weight must be a positive number, got '" + (w == null ? "null" : w.asText())
                        + "'");
                continue;
            }
            if (addEntry(owner, e.getKey(), phrases ? Shape.PHRASE : Shape.TERM, w.asDouble(), entryPath, lexicon)) {
                added++;
            }
        }
        return added;
    }

    private enum Shape {
        TERM,
        PHRASE,
        ANY
    }

    private boolean addEntry(
            String owner, String source, Shape shape, double weight, String path, Lexicon.Builder lex) {
        TokenSequence seq = analyzer.analyze("rule", source);
        String[] tokens = seq.terms();
        if (tokens.length == 0) {
            problems.add(path + ": '" + source + "' contains no word");
            return false;
        }
        if (tokens.length == 1 && seq.stop[0]) {
            problems.add(path + ": '" + source + "' is a stop word and can never match on its own");
            return false;
        }
        if (shape == Shape.TERM && tokens.length > 1) {
            problems.add(path + ": '" + source + "' analyses to " + tokens.length + " tokens "
                    + String.join(" ", tokens) + "; list it under phrases");
            return false;
        }
        if (shape == Shape.PHRASE && tokens.length < 2) {
            problems.add(path + ": '" + source + "' is a single token; list it under terms");
            return false;
        }
        String existing = lex.add(owner, source, tokens, weight);
        if (existing != null) {
            problems.add(path + ": '" + source + "' and '" + existing + "' both analyse to '" + String.join(" ", tokens)
                    + "' in " + owner + "; keep one");
            return false;
        }
        return true;
    }

    private void analysis(JsonNode node) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            problems.add("analysis: must be a mapping");
            return;
        }
        unknownKeys(node, ANALYSIS_KEYS, "analysis.");
        List<String> exclusions = stringList(node, "stem_exclusions", "analysis.", false);
        if (exclusions == null) {
            return;
        }
        CharArraySet set = new CharArraySet(exclusions.size(), true);
        for (String w : exclusions) {
            String[] tokens = analyzer.analyze("rule", w).terms();
            if (tokens.length != 1 || w.trim().contains(" ")) {
                problems.add("analysis.stem_exclusions: '" + w + "' must be a single word");
            } else {
                set.add(w.trim().toLowerCase(Locale.ROOT));
            }
        }
        analyzer = new TicketAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, set);
    }

    private RulePack.Scoring scoring(JsonNode node, List<String> categories) {
        if (node == null) {
            return null;
        }
        String p = "scoring.";
        unknownKeys(node, SCORING_KEYS, p);
        double subjectWeight = number(node, "subject_weight", p, 1.0, 10.0);
        double repeatWeight = number(node, "repeat_weight", p, 0.0, 1.0);
        int maxRepeats = (int) integer(node, "max_repeats", p, 1, 100);
        double evidenceScale = number(node, "evidence_scale", p, 0.001, 1000.0);
        double minConfidence = number(node, "min_confidence", p, 0.0, 0.999);
        String fallback = requiredText(node, "fallback_category", p);
        List<String> precedence = stringList(node, "tie_precedence", p, true);
        if (precedence != null) {
            Set<String> seen = new HashSet<>();
            for (String c : precedence) {
                if (!categories.contains(c)) {
                    problems.add(p + "tie_precedence: '" + c + "' is not a category");
                }
                if (!seen.add(c)) {
                    problems.add(p + "tie_precedence: '" + c + "' is listed twice");
                }
            }
            for (String c : categories) {
                if (!seen.contains(c)) {
                    problems.add(p + "tie_precedence: category '" + c
                            + "' is missing (list every category once, so ties are always decided)");
                }
            }
        }
        Map<String, Double> overrides = new LinkedHashMap<>();
        JsonNode o = node.get("overrides");
        if (o != null && !o.isNull()) {
            if (!o.isObject()) {
                problems.add(p + "overrides: must be a mapping of category to the score at which it wins");
            } else {
                o.fields().forEachRemaining(e -> {
                    String op = p + "overrides." + e.getKey();
                    if (!categories.contains(e.getKey())) {
                        problems.add(op + ": '" + e.getKey() + "' is not a category");
                    } else if (e.getKey().equals(fallback)) {
                        problems.add(op + ": the fallback category cannot override");
                    }
                    JsonNode v = e.getValue();
                    if (v == null || !v.isNumber() || !(v.asDouble() > 0) || Double.isInfinite(v.asDouble())) {
                        problems.add(op + ": threshold must be a positive number, got '"
                                + (v == null ? "null" : v.asText()) + "'");
                    } else {
                        overrides.put(e.getKey(), v.asDouble());
                    }
                });
            }
        }
        return new RulePack.Scoring(
                subjectWeight,
                repeatWeight,
                maxRepeats,
                evidenceScale,
                minConfidence,
                fallback,
                precedence == null ? List.of() : List.copyOf(precedence),
                java.util.Collections.unmodifiableMap(overrides));
    }

    private Negation negation(JsonNode node) {
        if (node == null) {
            return null;
        }
        String p = "negation.";
        unknownKeys(node, NEGATION_KEYS, p);
        Set<String> cues = singleTokens(stringList(node, "cues", p, true), p + "cues");
        int window = (int) integer(node, "window", p, 1, 20);
        Set<String> breakers = singleTokens(stringList(node, "scope_breakers", p, false), p + "scope_breakers");
        Set<String> suppressors = singleTokens(stringList(node, "suppressors", p, false), p + "suppressors");
        return new Negation(cues, window, breakers, suppressors);
    }

    private Set<String> singleTokens(List<String> words, String path) {
        Set<String> out = new LinkedHashSet<>();
        if (words == null) {
            return out;
        }
        for (String w : words) {
            String[] tokens = analyzer.analyze("rule", w).terms();
            if (tokens.length != 1) {
                problems.add(path + ": '" + w + "' must be a single word (analyses to " + tokens.length + " tokens)");
            } else {
                out.add(tokens[0]);
            }
        }
        return out;
    }

    private RulePack.PriorityRules priority(JsonNode node, Lexicon.Builder signals, List<String> categories) {
        if (node == null) {
            return null;
        }
        String p = "priority.";
        unknownKeys(node, PRIORITY_KEYS, p);
        Level defaultUrgency = level(node.get("default_urgency"), p + "default_urgency");
        Level defaultImpact = level(node.get("default_impact"), p + "default_impact");

        String[][] matrix = new String[Level.values().length][Level.values().length];
        JsonNode m = mapping(node, "matrix", p);
        if (m != null) {
            unknownKeys(m, levelNames(), p + "matrix.");
            for (Level u : Level.values()) {
                JsonNode row = m.get(u.name());
                String rowPath = p + "matrix." + u.name();
                if (row == null || !row.isObject()) {
                    problems.add(rowPath + ": missing row (urgency " + u + " -> {HIGH, MEDIUM, LOW} -> P1..P4)");
                    continue;
                }
                unknownKeys(row, levelNames(), rowPath + ".");
                for (Level i : Level.values()) {
                    matrix[u.ordinal()][i.ordinal()] = priorityName(row.get(i.name()), rowPath + "." + i.name());
                }
            }
        }

        Map<String, Integer> tiers = new LinkedHashMap<>();
        JsonNode t = mapping(node, "tiers", p);
        if (t != null) {
            t.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                if (v == null || !v.isInt() || Math.abs(v.asInt()) > 2) {
                    problems.add(p + "tiers." + e.getKey() + ": must be an integer from -2 to 2 (impact steps)");
                } else {
                    tiers.put(normaliseTier(e.getKey()), v.asInt());
                }
            });
        }

        levelSignals(node, "urgency", p, signals, RulePack::urgencyOwner);
        levelSignals(node, "impact", p, signals, RulePack::impactOwner);

        String floor = null;
        String escalation = null;
        JsonNode s = mapping(node, "security", p);
        if (s != null) {
            String sp = p + "security.";
            unknownKeys(s, SECURITY_KEYS, sp);
            List<String> words = stringList(s, "signals", sp, true);
            if (words != null) {
                for (String w : words) {
                    addEntry(RulePack.SECURITY_OWNER, w, Shape.ANY, 1.0, sp + "signals." + w, signals);
                }
            }
            floor = priorityName(s.get("floor"), sp + "floor");
            escalation = priorityName(s.get("escalate_to"), sp + "escalate_to");
            if (floor != null && escalation != null && escalation.compareTo(floor) > 0) {
                problems.add(sp + "escalate_to: " + escalation + " must be at least as urgent as floor " + floor);
            }
        }
        Map<String, RulePack.CategoryFloor> floors =
                categoryFloors(node.get("category_floors"), p, signals, categories);
        return new RulePack.PriorityRules(
                defaultUrgency, defaultImpact, matrix, Map.copyOf(tiers), floor, escalation, floors);
    }

    private Map<String, RulePack.CategoryFloor> categoryFloors(
            JsonNode node, String p, Lexicon.Builder signals, List<String> categories) {
        Map<String, RulePack.CategoryFloor> floors = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return floors;
        }
        String fp = p + "category_floors";
        if (!node.isObject()) {
            problems.add(fp + ": must be a mapping of category to {floor, escalate_to, escalate_on}");
            return floors;
        }
        node.fields().forEachRemaining(e -> {
            String category = e.getKey();
            String cp = fp + "." + category;
            if (!categories.contains(category)) {
                problems.add(cp + ": '" + category + "' is not a category");
            }
            JsonNode f = e.getValue();
            if (f == null || !f.isObject()) {
                problems.add(cp + ": must be a mapping with floor (and optionally escalate_to, escalate_on)");
                return;
            }
            unknownKeys(f, FLOOR_KEYS, cp + ".");
            String floor = priorityName(f.get("floor"), cp + ".floor");
            String escalateTo = null;
            if (f.hasNonNull("escalate_to") || f.hasNonNull("escalate_on")) {
                escalateTo = priorityName(f.get("escalate_to"), cp + ".escalate_to");
                List<String> words = stringList(f, "escalate_on", cp + ".", true);
                if (words != null) {
                    for (String w : words) {
                        addEntry(RulePack.floorOwner(category), w, Shape.ANY, 1.0, cp + ".escalate_on." + w, signals);
                    }
                }
                if (floor != null && escalateTo != null && escalateTo.compareTo(floor) > 0) {
                    problems.add(cp + ".escalate_to: " + escalateTo + " must be at least as urgent as floor " + floor);
                }
            }
            floors.put(category, new RulePack.CategoryFloor(category, floor, escalateTo));
        });
        return java.util.Collections.unmodifiableMap(floors);
    }

    private void levelSignals(
            JsonNode node, String key, String p, Lexicon.Builder signals, Function<Level, String> owner) {
        JsonNode n = mapping(node, key, p);
        if (n == null) {
            return;
        }
        unknownKeys(n, levelNames(), p + key + ".");
        for (Level level : Level.values()) {
            List<String> words = stringList(n, level.name(), p + key + ".", false);
            if (words == null) {
                continue;
            }
            for (String w : words) {
                addEntry(owner.apply(level), w, Shape.ANY, 1.0, p + key + "." + level.name() + "." + w, signals);
            }
        }
    }

    static String normaliseTier(String tier) {
        return tier == null ? null : tier.trim().toLowerCase(Locale.ROOT);
    }

    // ---- helpers ------------------------------------------------------------------------

    private static Set<String> levelNames() {
        return Set.of("HIGH", "MEDIUM", "LOW");
    }

    private Level level(JsonNode n, String path) {
        if (n == null || !n.isTextual()) {
            problems.add(path + ": must be one of HIGH, MEDIUM, LOW");
            return Level.MEDIUM;
        }
        try {
            return Level.valueOf(n.asText().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(path + ": '" + n.asText() + "' is not one of HIGH, MEDIUM, LOW");
            return Level.MEDIUM;
        }
    }

    private String priorityName(JsonNode n, String path) {
        String v = n == null || !n.isValueNode() ? null : n.asText().trim().toUpperCase(Locale.ROOT);
        if (v == null || !RulePack.PRIORITIES.contains(v)) {
            problems.add(path + ": must be one of " + RulePack.PRIORITIES + ", got '"
                    + (n == null ? "nothing" : n.asText()) + "'");
            return null;
        }
        return v;
    }

    private JsonNode mapping(JsonNode parent, String key, String prefix) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            problems.add(prefix + key + ": missing");
            return null;
        }
        if (!n.isObject()) {
            problems.add(prefix + key + ": must be a mapping");
            return null;
        }
        return n;
    }

    private String requiredText(JsonNode parent, String key, String prefix) {
        JsonNode n = parent.get(key);
        if (n == null || !n.isValueNode() || n.isNull() || n.asText().isBlank()) {
            problems.add(prefix + key + ": missing or blank");
            return null;
        }
        return n.asText().trim();
    }

    private double number(JsonNode parent, String key, String prefix, double min, double max) {
        JsonNode n = parent.get(key);
        if (n == null || !n.isNumber() || n.asDouble() < min || n.asDouble() > max) {
            problems.add(prefix + key + ": must be a number from " + min + " to " + max + ", got '"
                    + (n == null ? "nothing" : n.asText()) + "'");
            return min;
        }
        return n.asDouble();
    }

    private long integer(JsonNode parent, String key, String prefix, long min, long max) {
        JsonNode n = parent.get(key);
        if (n == null || !n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
            problems.add(prefix + key + ": must be an integer from " + min + " to " + max + ", got '"
                    + (n == null ? "nothing" : n.asText()) + "'");
            return min;
        }
        return n.asLong();
    }

    private List<String> stringList(JsonNode parent, String key, String prefix, boolean required) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            if (required) {
                problems.add(prefix + key + ": missing (a list of words)");
            }
            return null;
        }
        if (!n.isArray()) {
            problems.add(prefix + key + ": must be a list");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : n) {
            if (item.isBoolean()) {
                problems.add(prefix + key + ": contains the boolean " + item.asText()
                        + "; quote words YAML reads as booleans (\"no\", \"yes\", \"on\", \"off\")");
            } else if (!item.isValueNode() || item.isNull() || item.asText().isBlank()) {
                problems.add(prefix + key + ": contains an empty or non-text item");
            } else {
                out.add(item.asText());
            }
        }
        if (required && out.isEmpty()) {
            problems.add(prefix + key + ": must not be empty");
        }
        return out;
    }

    private void unknownKeys(JsonNode node, Set<String> allowed, String prefix) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                problems.add(prefix + k + ": unknown key (allowed: " + sorted(allowed) + ")");
            }
        });
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
