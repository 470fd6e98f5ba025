package io.ticketsuite.routing.rest.dto;

import java.time.Instant;

/**
 * Who is on call for a team at an instant: from the rotation or an override, for the interval [from, until) of
 * their shift (rotation) or cover (override), with the rotation's time zone.
 */
public record OnCallResponse(
        String teamId,
        String teamName,
        Instant at,
        String staffId,
        String name,
        String source,
        Instant from,
        Instant until,
        String timeZone,
        String reason) {}
