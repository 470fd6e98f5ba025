package io.ticketsuite.routing.selection;

import java.util.Optional;

/**
 * The outcome of choosing an agent: the agent (empty only when the team has no active agent; the ticket then
 * waits in the team's queue) and the human explanation of how it was chosen.
 */
public record Selection(Optional<AgentCandidate> agent, String explanation) {

    public Optional<String> agentId() {
        return agent.map(AgentCandidate::id);
    }
}
