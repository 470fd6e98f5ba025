package io.ticketsuite.sla;

import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import java.util.UUID;

/** Which clock a calculation is for: what a calendar may depend on (tier hours, priority, later the pauses). */
public record ClockContext(UUID ticketId, SlaClock clock, Priority priority, CustomerTier tier) {}
