package io.ticketsuite.routing.selection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chooses the agent of a team for one ticket, in plain Java, in this order:
 *
 * <ol>
 *   <li><b>Who may take it</b>: available agents (not away or offline), having every required skill, not
 *       excluded. Nobody left → the ticket waits in the team queue.
 *   <li><b>Continuity</b>: the agent who last helped this customer (within the window the caller applied) gets it
 *       when they may take it and have spare capacity.
 *   <li><b>VIP</b>: a VIP customer's ticket goes to the senior agents with spare capacity, when there are any.
 *   <li><b>Language</b>: agents who speak the customer's language are preferred (when any agent does).
 *   <li><b>Capacity</b>: agents at capacity are skipped; if every agent is at capacity the least loaded one still
 *       gets the ticket, so a ticket is never dropped.
 *   <li><b>Strategy</b>: round-robin takes the first agent, in id order, after the team's cursor; least loaded the
 *       fewest open assignments, ties rotating after the cursor.
 * </ol>
 *
 * The explanation says which step decided and why the others were passed over.
 */
public final class AgentSelector {

    public Selection select(Strategy strategy, List<AgentCandidate> agents, String language, String cursor) {
        return select(SelectionRequest.of(strategy, agents, language, cursor));
    }

    public Selection select(SelectionRequest request) {
        if (request.agents().isEmpty()) {
            return new Selection(Optional.empty(), "no active agent in the team; the ticket waits in the team queue");
        }
        List<AgentCandidate> ordered = request.agents().stream()
                .sorted(Comparator.comparing(AgentCandidate::id))
                .toList();
        Map<String, String> passedOver = new LinkedHashMap<>();
        List<AgentCandidate> eligible = new ArrayList<>();
        for (AgentCandidate agent : ordered) {
            String why = ineligible(agent, request);
            if (why == null) {
                eligible.add(agent);
            } else {
                passedOver.put(agent.id(), why);
            }
        }
        String skills = request.requiredSkills().isEmpty() ? "" : "skills " + new TreeSet<>(request.requiredSkills());
        if (eligible.isEmpty()) {
            return new Selection(
                    Optional.empty(),
                    "no available agent" + (skills.isEmpty() ? "" : " with " + skills)
                            + " in the team; the ticket waits in the team queue" + passed(passedOver));
        }
        List<String> notes = new ArrayList<>();
        if (!skills.isEmpty()) {
            notes.add(skills + " required: matched by "
                    + eligible.stream().map(AgentCandidate::id).toList());
        }

        SelectionRequest.Previous previous = request.previous();
        if (previous != null) {
            Optional<AgentCandidate> helper = eligible.stream()
                    .filter(a -> a.id().equals(previous.agentId()))
                    .findFirst();
            if (helper.isPresent() && helper.get().hasSpareCapacity()) {
                return new Selection(
                        helper,
                        "agent chosen by continuity: " + previous.agentId() + " last helped this customer ("
                                + previous.helpedAt() + ")" + suffix(notes, passedOver));
            }
            String why = helper.isPresent()
                    ? "at capacity"
                    : passedOver.getOrDefault(previous.agentId(), "not in this team");
            notes.add("continuity passed over: " + previous.agentId() + " last helped this customer but is " + why);
        }

        List<AgentCandidate> pool = eligible;
        if (request.vip()) {
            List<AgentCandidate> seniors =
                    spare(eligible.stream().filter(AgentCandidate::senior).toList());
            if (!seniors.isEmpty()) {
                pool = seniors;
                notes.add("VIP customer: senior agents only");
                eligible.stream()
                        .filter(a -> !a.senior())
                        .forEach(a -> passedOver.put(a.id(), "not senior (VIP customer)"));
            } else {
                notes.add("VIP customer, but no senior agent with spare capacity");
            }
        }
        Selection base = byLanguageAndCapacity(request.strategy(), pool, request.language(), request.cursor());
        return new Selection(base.agent(), base.explanation() + suffix(notes, passedOver));
    }

    private static String ineligible(AgentCandidate agent, SelectionRequest request) {
        String excluded = request.excluded().get(agent.id());
        if (excluded != null) {
            return excluded;
        }
        if (!agent.available()) {
            return agent.status().name().toLowerCase(java.util.Locale.ROOT);
        }
        Set<String> missing = new TreeSet<>(request.requiredSkills());
        missing.removeAll(agent.skills());
        if (!missing.isEmpty()) {
            return "lacks "
                    + (missing.size() == 1 ? "skill " + missing.iterator().next() : "skills " + missing);
        }
        return null;
    }

    private static String suffix(List<String> notes, Map<String, String> passedOver) {
        String text = notes.isEmpty() ? "" : "; " + String.join("; ", notes);
        return text + passed(passedOver);
    }

    private static String passed(Map<String, String> passedOver) {
        if (passedOver.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        passedOver.forEach((id, why) -> parts.add(id + " (" + why + ")"));
        return "; passed over: " + String.join(", ", parts);
    }

    private static Selection byLanguageAndCapacity(
            Strategy strategy, List<AgentCandidate> ordered, String language, String cursor) {
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
