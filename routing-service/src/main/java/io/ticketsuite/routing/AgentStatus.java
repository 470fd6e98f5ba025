package io.ticketsuite.routing;

/** Whether an agent takes new tickets: only AVAILABLE agents are candidates; OFFLINE hands back unstarted work. */
public enum AgentStatus {
    AVAILABLE,
    AWAY,
    OFFLINE
}
