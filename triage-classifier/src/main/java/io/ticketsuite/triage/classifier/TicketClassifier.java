package io.ticketsuite.triage.classifier;

import io.ticketsuite.triage.classifier.Explanation.NegatedTerm;
import io.ticketsuite.triage.classifier.Explanation.PriorityExplanation;
import io.ticketsuite.triage.classifier.Explanation.SignalMatch;
import io.ticketsuite.triage.classifier.Explanation.TermMatch;
import io.ticketsuite.triage.classifier.Explanation.TieBreak;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Explainable rule-based ticket classifier: category (or the pack's fallback, {@code general}),
 * priority P1..P4, a confidence and an {@link Explanation}.
 *
 * <p>Scoring: every non-negated match adds {@code weight × field factor × repeat factor} to its
 * category, where the field factor is the pack's {@code subject_weight} for the subject and 1 for
 * the body, and the repeat factor for {@code n} occurrences of the same term in the same field is
 * {@code 1 + repeat_weight × (min(n, max_repeats) − 1)}. The best score wins; equal best scores are
 * decided by the pack's fixed {@code tie_precedence}.
 *
 * <p>Confidence: with best score {@code s1}, runner-up {@code s2}, strength {@code s1 / (s1 +
 * evidence_scale)} and margin {@code (s1 − s2) / s1}, confidence = strength × (1 + margin) / 2.
 * Below {@code min_confidence} the ticket is {@code general}, reported with confidence 1 − that
 * value.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TicketClassifier {

    static final String SUBJECT = "subject";
    static final String BODY = "body";
    static final String TAGS = "tags";

    private final RulePack pack;
    private final RulePack.Scoring scoring;
    private final RulePack.PriorityRules priorityRules;
    private final Map<String, Integer> precedenceIndex;

    public TicketClassifier(RulePack pack) {
        this.pack = Objects.requireNonNull(pack, "pack");
        this.scoring = pack.scoring();
        this.priorityRules = pack.priorityRules();
        Map<String, Integer> index = new HashMap<>();
        List<String> precedence = scoring.tiePrecedence();
        for (int i = 0; i < precedence.size(); i++) {
            index.put(precedence.get(i), i);
        }
        this.precedenceIndex = Map.copyOf(index);
    }

    public RulePack rulePack() {
        return pack;
    }

    /**
     * Classifies one ticket.
     *
     * @param subject the subject line (nullable)
     * @param description the body (nullable)
     * @param customerTier Enterprise, Professional, Starter, Free (case-insensitive), or null
     */
    public Classification classify(String subject, String description, String customerTier) {
        return classify(subject, description, customerTier, List.of());
    }

    /**
     * Classifies one ticket whose channel may already know how urgent it is and how much it affects: a tag
     * {@code urgency:<low|medium|high>} or {@code impact:<low|medium|high>} (as intake sets from a monitoring alert's
     * severity) counts like a signal found in the text — the higher of the two levels wins — and is explained as a
     * signal of field {@code tags}. Other tags are ignored.
     *
     * @param tags the ticket's tags (nullable)
     */
    public Classification classify(String subject, String description, String customerTier, List<String> tags) {
        TicketAnalyzer analyzer = pack.analyzer();
        TokenSequence subjectTokens = analyzer.analyze(SUBJECT, subject);
        TokenSequence bodyTokens = analyzer.analyze(BODY, description);

        List<Lexicon.Hit> hits = new ArrayList<>();
        pack.categoryLexicon().scan(subjectTokens, SUBJECT, pack.negation(), hits);
        pack.categoryLexicon().scan(bodyTokens, BODY, pack.negation(), hits);
        List<Lexicon.Hit> signalHits = new ArrayList<>();
        pack.signalLexicon().scan(subjectTokens, SUBJECT, pack.negation(), signalHits);
        pack.signalLexicon().scan(bodyTokens, BODY, pack.negation(), signalHits);

        List<NegatedTerm> negated = new ArrayList<>();
        Map<String, Agg> aggregates = new LinkedHashMap<>();
        for (Lexicon.Hit hit : hits) {
            Lexicon.Entry e = hit.entry();
            if (hit.negated()) {
                negated.add(new NegatedTerm(e.owner(), e.source(), hit.field(), hit.surface(), hit.cue()));
                continue;
            }
            String key = e.owner() + '\u0000' + e.key() + '\u0000' + hit.field();
            Agg agg = aggregates.get(key);
            if (agg == null) {
                agg = new Agg(e, hit.field());
                aggregates.put(key, agg);
            }
            agg.count++;
            agg.surfaces.add(hit.surface());
        }

        Map<String, Double> scores = new HashMap<>();
        for (String c : pack.categories()) {
            scores.put(c, 0.0);
        }
        List<TermMatch> matches = new ArrayList<>(aggregates.size());
        for (Agg agg : aggregates.values()) {
            double fieldFactor = SUBJECT.equals(agg.field) ? scoring.subjectWeight() : 1.0;
            int counted = Math.min(agg.count, scoring.maxRepeats());
            double contribution = agg.entry.weight() * fieldFactor * (1.0 + scoring.repeatWeight() * (counted - 1));
            scores.merge(agg.entry.owner(), contribution, Double::sum);
            matches.add(new TermMatch(
                    agg.entry.owner(),
                    agg.entry.source(),
                    agg.field,
                    new ArrayList<>(agg.surfaces),
                    agg.count,
                    agg.entry.weight(),
                    round(contribution)));
        }
        matches.sort(Comparator.comparingDouble(TermMatch::contribution)
                .reversed()
                .thenComparing(TermMatch::category)
                .thenComparing(TermMatch::term)
                .thenComparing(TermMatch::field));

        List<String> ranked = new ArrayList<>(pack.categories());
        ranked.sort(Comparator.comparingDouble((String c) -> -round(scores.get(c)))
                .thenComparingInt(c -> precedenceIndex.getOrDefault(c, Integer.MAX_VALUE)));
        Map<String, Double> orderedScores = new LinkedHashMap<>();
        for (String c : ranked) {
            orderedScores.put(c, round(scores.get(c)));
        }

        Decision decision = decide(ranked, scores);
        PriorityExplanation priority = priority(signalHits, customerTier, negated, decision.category, tags);
        Explanation explanation = new Explanation(
                pack.version(),
                orderedScores,
                matches,
                negated,
                decision.tieBreak,
                decision.rule,
                priority,
                decision.override);
        return new Classification(
                decision.category, priority.priority(), clamp(round(decision.confidence)), explanation);
    }

    /** The category decision: override, fallback, tie or plain highest score. */
    private record Decision(
            String category,
            double confidence,
            String rule,
            TieBreak tieBreak,
            Explanation.CategoryOverride override) {}

    private Decision decide(List<String> ranked, Map<String, Double> scores) {
        String best = ranked.get(0);
        double s1 = round(scores.get(best));
        double s2 = ranked.size() > 1 ? round(scores.get(ranked.get(1))) : 0.0;

        Decision override = override(ranked, scores);
        if (override != null) {
            return override;
        }

        double categoryConfidence = confidence(s1, s2);
        if (s1 <= 0) {
            String category = scoring.fallbackCategory();
            return new Decision(category, 1.0, "no category term matched: " + category, null, null);
        }
        if (categoryConfidence < scoring.minConfidence()) {
            String category = scoring.fallbackCategory();
            String rule = "best category " + best + " (score " + fmt(s1) + ") has confidence "
                    + fmt(round(categoryConfidence)) + " < min_confidence " + fmt(scoring.minConfidence()) + ": "
                    + category;
            return new Decision(category, 1.0 - categoryConfidence, rule, null, null);
        }
        if (s1 == s2) {
            List<String> tied = new ArrayList<>();
            for (String c : ranked) {
                if (round(scores.get(c)) == s1) {
                    tied.add(c);
                }
            }
            TieBreak tieBreak = new TieBreak(tied, s1, best, scoring.tiePrecedence());
            String rule = "tie at score " + fmt(s1) + " between " + tied + ", broken by precedence "
                    + scoring.tiePrecedence() + ": " + best;
            return new Decision(best, categoryConfidence, rule, tieBreak, null);
        }
        String rule = "highest score: " + best + " " + fmt(s1) + " ahead of "
                + (ranked.size() > 1 ? ranked.get(1) : "-") + " " + fmt(s2) + " (confidence "
                + fmt(round(categoryConfidence)) + " >= min_confidence " + fmt(scoring.minConfidence()) + ")";
        return new Decision(best, categoryConfidence, rule, null, null);
    }

    /**
     * The first override category (in tie precedence order) whose score reaches its threshold wins
     * over every other category, whatever their scores; its confidence is computed against the best
     * other category with the margin floored at 0.
     */
    private Decision override(List<String> ranked, Map<String, Double> scores) {
        if (scoring.overrides().isEmpty()) {
            return null;
        }
        for (String category : scoring.tiePrecedence()) {
            Double threshold = scoring.overrides().get(category);
            if (threshold == null) {
                continue;
            }
            double score = round(scores.getOrDefault(category, 0.0));
            if (score < threshold) {
                continue;
            }
            String other = null;
            double otherScore = 0.0;
            for (String c : ranked) {
                if (!c.equals(category)) {
                    other = c;
                    otherScore = round(scores.get(c));
                    break;
                }
            }
            boolean overrode = other != null && otherScore > 0 && otherScore >= score;
            double confidence = confidence(score, Math.min(otherScore, score));
            StringBuilder rule = new StringBuilder()
                    .append(category)
                    .append(" evidence ")
                    .append(fmt(score))
                    .append(" >= override threshold ")
                    .append(fmt(threshold))
                    .append(": ")
                    .append(category)
                    .append(" wins over every other category");
            if (overrode) {
                rule.append("; ")
                        .append(category)
                        .append(" overrode ")
                        .append(other)
                        .append(" (score ")
                        .append(fmt(otherScore))
                        .append(')');
            } else if (other != null && otherScore > 0) {
                rule.append(" (next: ")
                        .append(other)
                        .append(' ')
                        .append(fmt(otherScore))
                        .append(')');
            }
            Explanation.CategoryOverride info = new Explanation.CategoryOverride(
                    category, score, threshold, overrode ? other : null, overrode ? otherScore : 0.0);
            return new Decision(category, confidence, rule.toString(), null, info);
        }
        return null;
    }

    private double confidence(double s1, double s2) {
        double strength = s1 / (s1 + scoring.evidenceScale());
        double margin = s1 > 0 ? (s1 - s2) / s1 : 0.0;
        return strength * (1.0 + margin) / 2.0;
    }

    /** The level a tag such as {@code urgency:high} names after {@code prefix}, if it is one. */
    static Optional<Level> tagLevel(String tag, String prefix) {
        if (tag == null || tag.length() <= prefix.length() || !tag.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        String level = tag.substring(prefix.length()).trim().toUpperCase(java.util.Locale.ROOT);
        for (Level l : Level.values()) {
            if (l.name().equals(level)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    private PriorityExplanation priority(
            List<Lexicon.Hit> signalHits,
            String customerTier,
            List<NegatedTerm> negated,
            String category,
            List<String> tags) {
        RulePack.CategoryFloor categoryFloor = priorityRules.categoryFloors().get(category);
        String floorOwner = RulePack.floorOwner(category);
        List<SignalMatch> floorSignals = new ArrayList<>();
        Level urgency = null;
        Level impactFromText = null;
        List<SignalMatch> urgencySignals = new ArrayList<>();
        List<SignalMatch> impactSignals = new ArrayList<>();
        List<SignalMatch> securitySignals = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Lexicon.Hit hit : signalHits) {
            Lexicon.Entry e = hit.entry();
            boolean floorSignal = e.owner().startsWith(RulePack.FLOOR_OWNER_PREFIX);
            if (floorSignal && !e.owner().equals(floorOwner)) {
                continue; // escalation evidence of another category's floor
            }
            if (hit.negated()) {
                negated.add(new NegatedTerm(e.owner(), e.source(), hit.field(), hit.surface(), hit.cue()));
                continue;
            }
            if (!seen.add(e.owner() + '\u0000' + e.key())) {
                continue; // report each signal once
            }
            String owner = e.owner();
            if (floorSignal) {
                floorSignals.add(new SignalMatch(e.source(), "FLOOR", hit.field(), hit.surface()));
            } else if (owner.equals(RulePack.SECURITY_OWNER)) {
                securitySignals.add(new SignalMatch(e.source(), "SECURITY", hit.field(), hit.surface()));
            } else {
                Level level = Level.valueOf(owner.substring(owner.indexOf(':') + 1));
                SignalMatch match = new SignalMatch(e.source(), level.name(), hit.field(), hit.surface());
                if (owner.startsWith("urgency:")) {
                    urgencySignals.add(match);
                    urgency = urgency == null ? level : Level.max(urgency, level);
                } else {
                    impactSignals.add(match);
                    impactFromText = impactFromText == null ? level : Level.max(impactFromText, level);
                }
            }
        }
        for (String tag : tags == null ? List.<String>of() : tags) {
            Optional<Level> hinted = tagLevel(tag, "urgency:");
            if (hinted.isPresent()) {
                urgencySignals.add(new SignalMatch(tag, hinted.get().name(), TAGS, tag));
                urgency = urgency == null ? hinted.get() : Level.max(urgency, hinted.get());
            }
            hinted = tagLevel(tag, "impact:");
            if (hinted.isPresent()) {
                impactSignals.add(new SignalMatch(tag, hinted.get().name(), TAGS, tag));
                impactFromText = impactFromText == null ? hinted.get() : Level.max(impactFromText, hinted.get());
            }
        }
        if (urgency == null) {
            urgency = priorityRules.defaultUrgency();
        }
        if (impactFromText == null) {
            impactFromText = priorityRules.defaultImpact();
        }
        String tierKey = RulePackLoader.normaliseTier(customerTier);
        int tierAdjustment =
                tierKey == null ? 0 : priorityRules.tierAdjustments().getOrDefault(tierKey, 0);
        Level impact = impactFromText.shift(tierAdjustment);
        String matrix = priorityRules.cell(urgency, impact);

        String priority = matrix;
        StringBuilder rule = new StringBuilder();
        rule.append("matrix urgency ").append(urgency).append(" x impact ").append(impact);
        if (tierAdjustment != 0) {
            rule.append(" (impact ")
                    .append(impactFromText)
                    .append(tierAdjustment > 0 ? " raised" : " lowered")
                    .append(" by tier ")
                    .append(customerTier.trim())
                    .append(')');
        }
        rule.append(" -> ").append(matrix);
        if (!securitySignals.isEmpty()) {
            String floor = priorityRules.securityFloor();
            String escalation = priorityRules.securityEscalation();
            String first = securitySignals.get(0).signal();
            if (urgency == Level.HIGH || impact == Level.HIGH) {
                if (escalation.compareTo(priority) < 0) {
                    priority = escalation;
                    rule.append("; security signal '")
                            .append(first)
                            .append("' with HIGH ")
                            .append(urgency == Level.HIGH ? "urgency" : "impact")
                            .append(" escalates to ")
                            .append(priority);
                }
            } else if (floor.compareTo(priority) < 0) {
                priority = floor;
                rule.append("; security signal '")
                        .append(first)
                        .append("' forces at least ")
                        .append(priority);
            }
        }
        String floorText = null;
        if (categoryFloor != null) {
            String floor = categoryFloor.floor();
            floorText = category + " at least " + floor;
            String reason = "category " + category + " forces at least " + floor;
            if (categoryFloor.escalateTo() != null) {
                floorText += ", " + categoryFloor.escalateTo() + " on escalation evidence";
                if (!floorSignals.isEmpty()) {
                    floor = categoryFloor.escalateTo();
                    reason = "category " + category + " with '"
                            + floorSignals.get(0).signal() + "' escalates to " + floor;
                }
            }
            if (floor.compareTo(priority) < 0) {
                priority = floor;
                rule.append("; ").append(reason);
            }
        }
        return new PriorityExplanation(
                priority,
                urgency.name(),
                urgencySignals,
                impactFromText.name(),
                impactSignals,
                customerTier,
                tierAdjustment,
                impact.name(),
                matrix,
                securitySignals,
                rule.toString(),
                floorText,
                floorSignals);
    }

    private static final class Agg {
        final Lexicon.Entry entry;
        final String field;
        final Set<String> surfaces = new LinkedHashSet<>(2);
        int count;

        Agg(Lexicon.Entry entry, String field) {
            this.entry = entry;
            this.field = field;
        }
    }

    private static double round(double v) {
        return Math.round(v * 10_000.0) / 10_000.0;
    }

    private static double clamp(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }

    private static String fmt(double v) {
        if (v == Math.rint(v)) {
            return String.valueOf((long) v);
        }
        return String.valueOf(v);
    }
}
