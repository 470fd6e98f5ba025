package io.ticketsuite.routing.rest.dto;

import java.util.List;
import java.util.UUID;

/** The agent after the change, and the tickets handed to colleagues (when they went offline). */
public record AgentStatusResponse(AgentResponse agent, List<UUID> rebalancedTickets) {}
