package io.ticketsuite.routing.escalation;

import io.ticketsuite.events.Channel;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Conditions on a ticket, all of which must hold; an empty set places no condition. {@code tags}: the ticket has at
 * least one of them; {@code evidence}: at least one of the words appears in the event's text; {@code anyOf}: at
 * least one of the nested condition sets holds.
 */
public record Conditions(
        Set<String> category,
        Set<Priority> priority,
        Set<Channel> channel,
        Set<String> tags,
        Set<CustomerTier> tier,
        Set<String> evidence,
        List<Conditions> anyOf) {

    public static final Conditions NONE =
            new Conditions(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), List.of());

    public Conditions {
        category = Set.copyOf(category);
        priority = Set.copyOf(priority);
        channel = Set.copyOf(channel);
        tags = Set.copyOf(tags);
        tier = Set.copyOf(tier);
        evidence = Set.copyOf(evidence);
        anyOf = List.copyOf(anyOf);
    }

    public boolean holdFor(EscalationFacts facts) {
        if (!category.isEmpty() && (facts.category() == null || !category.contains(facts.category()))) {
            return false;
        }
        if (!priority.isEmpty() && (facts.priority() == null || !priority.contains(facts.priority()))) {
            return false;
        }
        if (!channel.isEmpty() && (facts.channel() == null || !channel.contains(facts.channel()))) {
            return false;
        }
        if (!tags.isEmpty()
                && facts.tags().stream().map(t -> t.toLowerCase(Locale.ROOT)).noneMatch(tags::contains)) {
            return false;
        }
        if (!tier.isEmpty() && (facts.tier() == null || !tier.contains(facts.tier()))) {
            return false;
        }
        if (!evidence.isEmpty() && evidence.stream().noneMatch(facts.evidence()::contains)) {
            return false;
        }
        return anyOf.isEmpty() || anyOf.stream().anyMatch(c -> c.holdFor(facts));
    }

    /** A short human description ("category security, priority P1"), for reasons and the README. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!category.isEmpty()) {
            parts.add("category " + String.join("/", new java.util.TreeSet<>(category)));
        }
        if (!priority.isEmpty()) {
            parts.add("priority " + join(priority));
        }
        if (!channel.isEmpty()) {
            parts.add("channel " + join(channel));
        }
        if (!tags.isEmpty()) {
            parts.add("tag " + String.join("/", new java.util.TreeSet<>(tags)));
        }
        if (!tier.isEmpty()) {
            parts.add("tier " + join(tier));
        }
        if (!evidence.isEmpty()) {
            parts.add("evidence " + String.join("/", new java.util.TreeSet<>(evidence)));
        }
        if (!anyOf.isEmpty()) {
            parts.add("any of ("
                    + String.join(
                            " | ", anyOf.stream().map(Conditions::describe).toList()) + ")");
        }
        return String.join(", ", parts);
    }

    private static String join(Set<? extends Enum<?>> values) {
        return String.join("/", values.stream().map(Enum::name).sorted().toList());
    }
}
