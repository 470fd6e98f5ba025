package io.ticketsuite.routing.rules;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ordered routing rules: the first rule that matches wins. The list must end with a catch-all rule, so every
 * ticket is routed somewhere.
 */
public final class RoutingRules {
    private final List<RoutingRule> rules;
    private final Map<String, Set<String>> categorySkills;

    public RoutingRules(List<RoutingRule> rules) {
        this(rules, Map.of());
    }

    /**
     * @param categorySkills skills an agent must have for a ticket of a category (category → skills)
     */
    public RoutingRules(List<RoutingRule> rules, Map<String, Set<String>> categorySkills) {
        if (rules == null || rules.isEmpty()) {
            throw new InvalidRulesException("there must be at least one routing rule");
        }
        Set<String> ids = new HashSet<>();
        for (RoutingRule rule : rules) {
            if (!ids.add(rule.id())) {
                throw new InvalidRulesException("duplicate rule id '" + rule.id() + "'");
            }
        }
        RoutingRule last = rules.get(rules.size() - 1);
        if (!last.catchAll()) {
            throw new InvalidRulesException(
                    "the last rule ('" + last.id() + "') must have no conditions, so every ticket is routed");
        }
        for (int i = 0; i < rules.size() - 1; i++) {
            if (rules.get(i).catchAll()) {
                throw new InvalidRulesException(
                        "rule '" + rules.get(i).id() + "' has no conditions, so the rules after it can never fire");
            }
        }
        this.rules = List.copyOf(rules);
        Map<String, Set<String>> skills = new TreeMap<>();
        (categorySkills == null ? Map.<String, Set<String>>of() : categorySkills)
                .forEach((category, required) -> skills.put(category, Set.copyOf(required)));
        this.categorySkills = Collections.unmodifiableMap(skills);
    }

    /** The skills an agent needs for this ticket: the category's and the rule's. */
    public Set<String> requiredSkills(RouteFacts facts, RoutingRule rule) {
        Set<String> skills = new TreeSet<>(categorySkills.getOrDefault(facts.category(), Set.of()));
        skills.addAll(rule.skills());
        return skills;
    }

    /** Skills required per category. */
    public Map<String, Set<String>> categorySkills() {
        return categorySkills;
    }

    /** The first rule matching the facts (there always is one: the last rule is a catch-all). */
    public RouteMatch route(RouteFacts facts) {
        for (RoutingRule rule : rules) {
            if (rule.matches(facts)) {
                return new RouteMatch(rule, rule.explain(facts));
            }
        }
        throw new IllegalStateException("unreachable: the last rule is a catch-all");
    }

    public List<RoutingRule> rules() {
        return rules;
    }

    /** The ids of the teams the rules route to. */
    public Set<String> teamIds() {
        Set<String> teams = new HashSet<>();
        rules.forEach(r -> teams.add(r.teamId()));
        return teams;
    }
}
