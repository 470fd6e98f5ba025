package io.ticketsuite.routing.rules;

import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.routing.selection.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One routing rule: conditions (an empty set means "any") and the team and strategy it routes to. A rule
 * without conditions matches every ticket (the catch-all). {@code immediate} marks rules whose tickets must be
 * picked up at once (security); it is carried into the reason. {@code skills} are required of the agent, on top
 * of the skills the ticket's category requires.
 */
public record RoutingRule(
        String id,
        Set<String> categories,
        Set<CustomerTier> tiers,
        Set<Priority> priorities,
        String teamId,
        Strategy strategy,
        boolean immediate,
        String description,
        Set<String> skills) {

    /** A rule that requires no skills of its own. */
    public RoutingRule(
            String id,
            Set<String> categories,
            Set<CustomerTier> tiers,
            Set<Priority> priorities,
            String teamId,
            Strategy strategy,
            boolean immediate,
            String description) {
        this(id, categories, tiers, priorities, teamId, strategy, immediate, description, Set.of());
    }

    public RoutingRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(strategy, "strategy");
        categories = categories == null ? Set.of() : Set.copyOf(categories);
        tiers = tiers == null ? Set.of() : Set.copyOf(tiers);
        priorities = priorities == null ? Set.of() : Set.copyOf(priorities);
        skills = skills == null ? Set.of() : Set.copyOf(skills);
    }

    public boolean matches(RouteFacts facts) {
        return (categories.isEmpty() || categories.contains(facts.category()))
                && (tiers.isEmpty() || tiers.contains(facts.tier()))
                && (priorities.isEmpty() || priorities.contains(facts.priority()));
    }

    public boolean catchAll() {
        return categories.isEmpty() && tiers.isEmpty() && priorities.isEmpty();
    }

    /**
     * Why this rule fired for these facts, e.g. {@code category billing and tier ENTERPRISE → account-management
     * (rule billing-enterprise)}.
     */
    public String explain(RouteFacts facts) {
        List<String> conditions = new ArrayList<>();
        conditions.add("category " + facts.category());
        if (!tiers.isEmpty()) {
            conditions.add("tier " + facts.tier());
        }
        if (!priorities.isEmpty()) {
            conditions.add("priority " + facts.priority());
        }
        String when = String.join(" and ", conditions);
        if (catchAll()) {
            when += " (no specific rule)";
        }
        return when + " → " + teamId + " (rule " + id + ")" + (immediate ? ", immediately" : "");
    }

    /** The conditions as text, for listings. */
    public String conditions() {
        if (catchAll()) {
            return "any ticket";
        }
        List<String> parts = new ArrayList<>();
        if (!categories.isEmpty()) {
            parts.add("category in " + sorted(categories));
        }
        if (!tiers.isEmpty()) {
            parts.add("tier in " + sorted(tiers));
        }
        if (!priorities.isEmpty()) {
            parts.add("priority in " + sorted(priorities));
        }
        return String.join(" and ", parts);
    }

    private static String sorted(Set<?> values) {
        return values.stream().map(Object::toString).sorted().collect(Collectors.joining(", ", "[", "]"));
    }
}
