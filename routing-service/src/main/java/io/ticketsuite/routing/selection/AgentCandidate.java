package io.ticketsuite.routing.selection;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An active agent of a team as the selector sees it: who they are, the languages they speak (lower-case primary
 * tags), how many tickets they may hold and how many assignments they hold open now.
 */
public record AgentCandidate(String id, String name, Set<String> languages, int capacity, int openAssignments) {

    public AgentCandidate {
        languages = languages == null
                ? Set.of()
                : languages.stream().map(AgentCandidate::language).collect(Collectors.toUnmodifiableSet());
    }

    public boolean speaks(String language) {
        return language != null && languages.contains(language(language));
    }

    public boolean hasSpareCapacity() {
        return openAssignments < capacity;
    }

    /** The primary subtag of a language tag, lower case: {@code de-CH} and {@code DE} both read {@code de}. */
    public static String language(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String primary = tag.trim().split("[-_]", 2)[0];
        return primary.toLowerCase(Locale.ROOT);
    }
}
