package io.ticketsuite.routing.escalation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The escalation matrix, plain Java: every rule whose trigger matches an event fires, except the rules another
 * matching rule overrides (a data breach replaces the plain security rule). {@code defaultTeam} stands for the
 * ticket's team while the ticket is not assigned yet.
 */
public record EscalationMatrix(String defaultTeam, List<EscalationRule> rules) {
    public EscalationMatrix {
        rules = List.copyOf(rules);
    }

    /** The rules that fire for these facts, in matrix order. */
    public List<EscalationRule> matching(EscalationFacts facts) {
        List<EscalationRule> matched =
                rules.stream().filter(r -> r.triggeredBy(facts)).toList();
        Set<String> overridden =
                matched.stream().flatMap(r -> r.overrides().stream()).collect(Collectors.toSet());
        return matched.stream().filter(r -> !overridden.contains(r.id())).toList();
    }

    public Optional<EscalationRule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** Every event type some rule triggers on. */
    public Set<String> events() {
        return rules.stream().flatMap(r -> r.events().stream()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Team ids the matrix names (lead and on-call targets, the default team). */
    public Set<String> teamIds() {
        Set<String> ids = targets()
                .filter(TargetSpec::isTeam)
                .map(TargetSpec::ref)
                .filter(ref -> !TargetSpec.TICKET_TEAM.equals(ref))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        ids.add(defaultTeam);
        return ids;
    }

    /** Teams whose on-call person the matrix pages. */
    public Set<String> onCallTeams() {
        return targets()
                .filter(t -> t.kind() == TargetSpec.Kind.ON_CALL)
                .map(TargetSpec::ref)
                .map(ref -> TargetSpec.TICKET_TEAM.equals(ref) ? defaultTeam : ref)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Named contacts the matrix pages. */
    public Set<String> contactRoles() {
        return targets()
                .filter(t -> t.kind() == TargetSpec.Kind.CONTACT)
                .map(TargetSpec::ref)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private java.util.stream.Stream<TargetSpec> targets() {
        return rules.stream().flatMap(r -> r.levels().stream()).flatMap(l -> l.targets().stream());
    }
}
