package io.ticketsuite.triage.classifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A versioned, validated and compiled rule pack: categories with weighted terms and phrases,
 * scoring and negation settings, and the priority signals and matrix. Loaded from YAML (see {@code
 * src/main/resources/rules/triage-rules.yaml} and the module README for the format). Immutable and
 * thread-safe; compile once and share.
 */
public final class RulePack {

    /** Classpath location of the default pack. */
    public static final String DEFAULT_RESOURCE = "/rules/triage-rules.yaml";

    /** Priorities, most urgent first. */
    public static final List<String> PRIORITIES = List.of("P1", "P2", "P3", "P4");

    /** Scoring settings. */
    record Scoring(
            double subjectWeight,
            double repeatWeight,
            int maxRepeats,
            double evidenceScale,
            double minConfidence,
            String fallbackCategory,
            List<String> tiePrecedence,
            Map<String, Double> overrides) {}

    /**
     * A minimum priority for tickets classified in one category, optionally escalated when one of
     * {@code escalateOn} (signals in the signal lexicon, owner {@link #floorOwner(String)}) is found.
     */
    record CategoryFloor(String category, String floor, String escalateTo) {}

    /** Priority settings; the matrix is indexed [urgency.ordinal()][impact.ordinal()]. */
    record PriorityRules(
            Level defaultUrgency,
            Level defaultImpact,
            String[][] matrix,
            Map<String, Integer> tierAdjustments,
            String securityFloor,
            String securityEscalation,
            Map<String, CategoryFloor> categoryFloors) {

        String cell(Level urgency, Level impact) {
            return matrix[urgency.ordinal()][impact.ordinal()];
        }
    }

    static final String SECURITY_OWNER = "security";

    static final String FLOOR_OWNER_PREFIX = "floor:";

    static String floorOwner(String category) {
        return FLOOR_OWNER_PREFIX + category;
    }

    static String urgencyOwner(Level level) {
        return "urgency:" + level.name();
    }

    static String impactOwner(Level level) {
        return "impact:" + level.name();
    }

    private final String version;
    private final String description;
    private final List<String> categories;
    private final Scoring scoring;
    private final Negation negation;
    private final PriorityRules priorityRules;
    private final TicketAnalyzer analyzer;
    private final Lexicon categoryLexicon;
    private final Lexicon signalLexicon;

    RulePack(
            String version,
            String description,
            List<String> categories,
            Scoring scoring,
            Negation negation,
            PriorityRules priorityRules,
            TicketAnalyzer analyzer,
            Lexicon categoryLexicon,
            Lexicon signalLexicon) {
        this.version = version;
        this.description = description;
        this.categories = List.copyOf(categories);
        this.scoring = scoring;
        this.negation = negation;
        this.priorityRules = priorityRules;
        this.analyzer = analyzer;
        this.categoryLexicon = categoryLexicon;
        this.signalLexicon = signalLexicon;
    }

    /** Loads the pack shipped in this jar ({@value #DEFAULT_RESOURCE}). */
    public static RulePack loadDefault() {
        try (InputStream in = RulePack.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "default rule pack " + DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + DEFAULT_RESOURCE, e);
        }
    }

    /**
     * Loads, validates and compiles a pack from YAML. The stream is read fully but not closed.
     *
     * @throws RulePackException listing every problem when the pack is malformed
     */
    public static RulePack load(InputStream yaml) {
        Objects.requireNonNull(yaml, "yaml");
        return RulePackLoader.load(yaml);
    }

    /**
     * Parses, validates and compiles a pack from a YAML string: the entry point for loading a pack at
     * run time (an admin upload, a file edited by hand). Nothing is kept when it fails.
     *
     * @throws RulePackException whose {@link RulePackException#reasons()} lists every problem found,
     *     each with the path of the offending key
     */
    public static RulePack parse(String yaml) {
        Objects.requireNonNull(yaml, "yaml");
        return RulePackLoader.load(
                new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * Validates a pack without keeping it: the list of every problem, empty when the pack is valid
     * (then {@link #parse(String)} succeeds).
     */
    public static List<String> validate(String yaml) {
        try {
            parse(yaml);
            return List.of();
        } catch (RulePackException e) {
            return e.reasons();
        }
    }

    /** The pack's {@code version} field. */
    public String version() {
        return version;
    }

    /** The pack's optional {@code description}, or an empty string. */
    public String description() {
        return description;
    }

    /**
     * Category names in pack order. The fallback category is among them only when the pack gives it
     * terms of its own (topics that belong to no team, such as returns or shipping).
     */
    public List<String> categories() {
        return categories;
    }

    /** The category returned when confidence is below {@link #minConfidence()}. */
    public String fallbackCategory() {
        return scoring.fallbackCategory();
    }

    /** Fixed precedence deciding ties, first wins. */
    public List<String> tiePrecedence() {
        return scoring.tiePrecedence();
    }

    /**
     * Categories that win over every other category when their score reaches the given threshold
     * ({@code scoring.overrides}, e.g. {@code safety: 4}); empty when the pack has none.
     */
    public Map<String, Double> overrides() {
        return scoring.overrides();
    }

    /**
     * Minimum priority per category ({@code priority.category_floors}, e.g. safety P1, security P2);
     * empty when the pack has none.
     */
    public Map<String, String> categoryFloors() {
        Map<String, String> floors = new java.util.LinkedHashMap<>();
        priorityRules.categoryFloors().forEach((c, f) -> floors.put(c, f.floor()));
        return java.util.Collections.unmodifiableMap(floors);
    }

    public double subjectWeight() {
        return scoring.subjectWeight();
    }

    public double minConfidence() {
        return scoring.minConfidence();
    }

    /** Number of category entries (terms + phrases). */
    public int categoryEntryCount() {
        return categoryLexicon.size();
    }

    /** Number of priority signal entries. */
    public int signalEntryCount() {
        return signalLexicon.size();
    }

    Scoring scoring() {
        return scoring;
    }

    Negation negation() {
        return negation;
    }

    PriorityRules priorityRules() {
        return priorityRules;
    }

    TicketAnalyzer analyzer() {
        return analyzer;
    }

    Lexicon categoryLexicon() {
        return categoryLexicon;
    }

    Lexicon signalLexicon() {
        return signalLexicon;
    }

    @Override
    public String toString() {
        return "RulePack[version=" + version + ", categories=" + categories + ", entries=" + categoryEntryCount()
                + ", signals=" + signalEntryCount() + "]";
    }
}
