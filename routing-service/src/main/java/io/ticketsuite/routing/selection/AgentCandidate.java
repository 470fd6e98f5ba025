package io.ticketsuite.routing.selection;

import io.ticketsuite.routing.AgentStatus;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An active agent of a team as the selector sees it: who they are, the languages they speak (lower-case primary
 * tags), how many tickets they may hold and how many assignments they hold open now, their skills, whether they
 * are senior (SENIOR or LEAD: VIP customers go to them) and their availability.
 */
public record AgentCandidate(
        String id,
        String name,
        Set<String> languages,
        int capacity,
        int openAssignments,
        Set<String> skills,
        boolean senior,
        AgentStatus status) {

    public AgentCandidate {
        languages = languages == null
                ? Set.of()
                : languages.stream().map(AgentCandidate::language).collect(Collectors.toUnmodifiableSet());
        skills = skills == null
                ? Set.of()
                : skills.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        status = status == null ? AgentStatus.AVAILABLE : status;
    }

    /** An available agent without recorded skills, not senior. */
    public AgentCandidate(String id, String name, Set<String> languages, int capacity, int openAssignments) {
        this(id, name, languages, capacity, openAssignments, Set.of(), false, AgentStatus.AVAILABLE);
    }

    public boolean speaks(String language) {
        return language != null && languages.contains(language(language));
    }

    public boolean hasSpareCapacity() {
        return openAssignments < capacity;
    }

    public boolean available() {
        return status == AgentStatus.AVAILABLE;
    }

    /** The same agent holding one more open assignment. */
    public AgentCandidate withOneMore() {
        return new AgentCandidate(id, name, languages, capacity, openAssignments + 1, skills, senior, status);
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
