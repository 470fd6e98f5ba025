package io.ticketsuite.routing.escalation;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A rule of the escalation matrix: which events and ticket conditions trigger it, how often it may fire (once per
 * ticket, per recurring-issue cluster, or per event), the rules it replaces when both match, and its levels.
 */
public record EscalationRule(
        String id,
        String description,
        Set<String> events,
        Conditions conditions,
        OncePer oncePer,
        Set<String> overrides,
        List<EscalationLevel> levels) {

    public enum OncePer {
        TICKET,
        CLUSTER,
        EVENT
    }

    public EscalationRule {
        events = Set.copyOf(events);
        overrides = Set.copyOf(overrides);
        levels = List.copyOf(levels);
    }

    public boolean triggeredBy(EscalationFacts facts) {
        return events.contains(facts.event()) && conditions.holdFor(facts);
    }

    /** The level with this 1-based number, if the rule has it. */
    public Optional<EscalationLevel> level(int number) {
        return number >= 1 && number <= levels.size() ? Optional.of(levels.get(number - 1)) : Optional.empty();
    }

    /** The key under which the rule fires at most once for these facts. */
    public String dedupeKey(EscalationFacts facts) {
        return switch (oncePer) {
            case TICKET -> id + ":ticket:" + facts.ticketId();
            case CLUSTER ->
                facts.clusterId() == null ? id + ":ticket:" + facts.ticketId() : id + ":cluster:" + facts.clusterId();
            case EVENT -> id + ":event:" + facts.eventId();
        };
    }
}
