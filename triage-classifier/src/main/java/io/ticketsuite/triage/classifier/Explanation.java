package io.ticketsuite.triage.classifier;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a ticket got its category and priority. Plain data only (strings, numbers, lists, maps,
 * nested records), immutable, and serialisable by Jackson as is; component names become
 * snake_case with {@code PropertyNamingStrategies.SNAKE_CASE}.
 *
 * @param rulePackVersion version of the rule pack that decided
 * @param scores every category's score, highest first (ties in precedence order)
 * @param matchedTerms the evidence: which term matched for which category, where, how often, with
 *     what weight and contribution
 * @param negatedTerms terms skipped because a negation cue preceded them
 * @param tieBreak the tie rule when it fired, else null
 * @param categoryRule one sentence: which rule chose the category
 * @param priority how urgency, impact, tier and security signals gave the priority
 * @param override the override rule when a category such as {@code safety} won on strong evidence
 *     (whatever the other scores), else null
 */
public record Explanation(
        String rulePackVersion,
        Map<String, Double> scores,
        List<TermMatch> matchedTerms,
        List<NegatedTerm> negatedTerms,
        TieBreak tieBreak,
        String categoryRule,
        PriorityExplanation priority,
        CategoryOverride override) {

    public Explanation {
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        matchedTerms = List.copyOf(matchedTerms);
        negatedTerms = List.copyOf(negatedTerms);
    }

    /** Without an override (the shape before overrides existed). */
    public Explanation(
            String rulePackVersion,
            Map<String, Double> scores,
            List<TermMatch> matchedTerms,
            List<NegatedTerm> negatedTerms,
            TieBreak tieBreak,
            String categoryRule,
            PriorityExplanation priority) {
        this(rulePackVersion, scores, matchedTerms, negatedTerms, tieBreak, categoryRule, priority, null);
    }

    /**
     * An override category (pack {@code scoring.overrides}) whose evidence reached its threshold and
     * so won over every other category.
     *
     * @param category the category that won (e.g. {@code safety})
     * @param score its score
     * @param threshold the pack's threshold for it
     * @param overridden the category that would have won without the override, or null when it was
     *     the best anyway
     * @param overriddenScore that category's score (0 when none)
     */
    public record CategoryOverride(
            String category, double score, double threshold, String overridden, double overriddenScore) {}

    /**
     * One rule-pack term (or phrase) that matched.
     *
     * @param category the category it counts for
     * @param term the term as written in the rule pack
     * @param field {@code subject} or {@code body}
     * @param matchedText the distinct surface forms found in the text ("charged", "charges")
     * @param count occurrences in that field
     * @param weight the term's weight in the pack
     * @param contribution what it added to the category score (weight &times; field factor &times;
     *     repeat factor)
     */
    public record TermMatch(
            String category,
            String term,
            String field,
            List<String> matchedText,
            int count,
            double weight,
            double contribution) {
        public TermMatch {
            matchedText = List.copyOf(matchedText);
        }
    }

    /**
     * A term that matched but was skipped because it was negated.
     *
     * @param category the category it would have counted for (or the signal group)
     * @param term the term as written in the rule pack
     * @param field {@code subject} or {@code body}
     * @param matchedText the text found
     * @param cue the negation cue that preceded it
     */
    public record NegatedTerm(String category, String term, String field, String matchedText, String cue) {}

    /**
     * The tie rule, when the top score was shared.
     *
     * @param tiedCategories the categories sharing the top score
     * @param score that score
     * @param winner the category chosen
     * @param precedence the fixed precedence list from the pack that decided
     */
    public record TieBreak(List<String> tiedCategories, double score, String winner, List<String> precedence) {
        public TieBreak {
            tiedCategories = List.copyOf(tiedCategories);
            precedence = List.copyOf(precedence);
        }
    }

    /**
     * An urgency, impact or security signal that matched.
     *
     * @param signal the signal as written in the pack
     * @param level the level it indicates (HIGH/MEDIUM/LOW), or {@code SECURITY}
     * @param field {@code subject} or {@code body}
     * @param matchedText the text found
     */
    public record SignalMatch(String signal, String level, String field, String matchedText) {}

    /**
     * How the priority was decided.
     *
     * @param priority the final priority, P1..P4
     * @param urgency final urgency level
     * @param urgencySignals urgency signals found (the highest decides; none = pack default)
     * @param impactFromText impact level from the text signals (or the pack default)
     * @param impactSignals impact signals found
     * @param customerTier the tier as given (may be null)
     * @param tierAdjustment steps the tier moved impact (+1 raises, -1 lowers)
     * @param impact final impact level after the tier adjustment
     * @param matrixPriority the urgency &times; impact matrix cell
     * @param securitySignals security signals found (they force a floor)
     * @param rule one sentence: which rule decided the priority
     */
    public record PriorityExplanation(
            String priority,
            String urgency,
            List<SignalMatch> urgencySignals,
            String impactFromText,
            List<SignalMatch> impactSignals,
            String customerTier,
            int tierAdjustment,
            String impact,
            String matrixPriority,
            List<SignalMatch> securitySignals,
            String rule,
            String categoryFloor,
            List<SignalMatch> floorSignals) {
        public PriorityExplanation {
            urgencySignals = List.copyOf(urgencySignals);
            impactSignals = List.copyOf(impactSignals);
            securitySignals = List.copyOf(securitySignals);
            floorSignals = floorSignals == null ? List.of() : List.copyOf(floorSignals);
        }

        /** Without a category floor (the shape before category floors existed). */
        public PriorityExplanation(
                String priority,
                String urgency,
                List<SignalMatch> urgencySignals,
                String impactFromText,
                List<SignalMatch> impactSignals,
                String customerTier,
                int tierAdjustment,
                String impact,
                String matrixPriority,
                List<SignalMatch> securitySignals,
                String rule) {
            this(
                    priority,
                    urgency,
                    urgencySignals,
                    impactFromText,
                    impactSignals,
                    customerTier,
                    tierAdjustment,
                    impact,
                    matrixPriority,
                    securitySignals,
                    rule,
                    null,
                    List.of());
        }
    }
}
