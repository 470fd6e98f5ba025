package io.ticketsuite.triage.classifier;

import java.util.Set;

/**
 * Negation rules, all as analysed tokens. A cue ("not", "no", "never", "without", ...) opens a
 * window of {@code window} following non-stop tokens whose terms are skipped (reported as negated).
 * The window closes early at a clause break (punctuation, line break) or at a scope breaker ("not
 * able to log in": "able" closes it, so "log in" still counts). A cue directly after a suppressor
 * ("could not", "did not") describes a failure rather than denying a topic and opens no window.
 */
record Negation(Set<String> cues, int window, Set<String> scopeBreakers, Set<String> suppressors) {

    Negation {
        cues = Set.copyOf(cues);
        scopeBreakers = Set.copyOf(scopeBreakers);
        suppressors = Set.copyOf(suppressors);
    }

    boolean isCue(String token) {
        return cues.contains(token);
    }

    boolean isScopeBreaker(String token) {
        return scopeBreakers.contains(token);
    }

    boolean isSuppressor(String token) {
        return suppressors.contains(token);
    }
}
