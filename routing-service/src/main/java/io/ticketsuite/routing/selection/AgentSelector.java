package io.ticketsuite.routing.selection;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the agent of a team for one ticket, in plain Java. Agents who speak the customer's language are
 * preferred (when any agent of the team does); agents at capacity are skipped; if the preferred agents are all
 * at capacity the others with spare capacity are tried, and if every agent is at capacity the least loaded one
 * still gets the ticket, so a ticket is never dropped. Round-robin takes the first agent, in id order, after
 * the team's cursor (the last agent chosen); the caller stores the chosen agent as the new cursor.
 */
public final class AgentSelector {

    /**
     * @param strategy how to choose among the eligible agents
     * @param agents the team's active agents with their current load
     * @param language the customer's language, or null when unknown
     * @param cursor the id of the last agent chosen for this team, or null
     */
    public Selection select(Strategy strategy, List<AgentCandidate> agents, String language, String cursor) {
        if (agents.isEmpty()) {
            return new Selection(Optional.empty(), "no active agent in the team; the ticket waits in the team queue");
        }
        List<AgentCandidate> ordered =
                agents.stream().sorted(Comparator.comparing(AgentCandidate::id)).toList();
        String lang = AgentCandidate.language(language);
        List<AgentCandidate> speakers =
                ordered.stream().filter(a -> a.speaks(lang)).toList();

        if (!speakers.isEmpty()) {
            List<AgentCandidate> free = spare(speakers);
            if (!free.isEmpty()) {
                return chosen(strategy, free, cursor, "among " + lang + " speakers");
            }
            List<AgentCandidate> others = spare(ordered);
            if (!others.isEmpty()) {
                return chosen(
                        strategy,
                        others,
                        cursor,
                        "among agents with spare capacity (every " + lang + " speaker is at capacity)");
            }
        } else {
            List<AgentCandidate> free = spare(ordered);
            if (!free.isEmpty()) {
                String scope = lang == null ? "" : "(no " + lang + " speaker in the team)";
                return chosen(strategy, free, cursor, scope);
            }
        }
        AgentCandidate least = leastLoaded(ordered, cursor);
        return new Selection(
                Optional.of(least),
                "every agent is at capacity; agent chosen least loaded (" + least.openAssignments() + " open)");
    }

    private static Selection chosen(Strategy strategy, List<AgentCandidate> pool, String cursor, String scope) {
        AgentCandidate agent = strategy == Strategy.LEAST_LOADED ? leastLoaded(pool, cursor) : next(pool, cursor);
        String text = "agent chosen " + strategy.label() + (scope.isEmpty() ? "" : " " + scope);
        return new Selection(Optional.of(agent), text);
    }

    private static List<AgentCandidate> spare(List<AgentCandidate> agents) {
        return agents.stream().filter(AgentCandidate::hasSpareCapacity).toList();
    }

    /** The first agent (in id order) after the cursor, wrapping around; the cursor need not be in the pool. */
    static AgentCandidate next(List<AgentCandidate> pool, String cursor) {
        if (cursor != null) {
            for (AgentCandidate agent : pool) {
                if (agent.id().compareTo(cursor) > 0) {
                    return agent;
                }
            }
        }
        return pool.get(0);
    }

    /** The agent with the fewest open assignments; among equals, the next after the cursor (so ties rotate). */
    static AgentCandidate leastLoaded(List<AgentCandidate> pool, String cursor) {
        int min = pool.stream().mapToInt(AgentCandidate::openAssignments).min().orElseThrow();
        return next(pool.stream().filter(a -> a.openAssignments() == min).toList(), cursor);
    }
}
