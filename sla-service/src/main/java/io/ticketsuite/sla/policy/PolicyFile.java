package io.ticketsuite.sla.policy;

import java.util.List;
import java.util.Map;

/** The SLA policy file as written (YAML bound to records, every value still text); checked by {@link SlaPolicyLoader}. */
public record PolicyFile(
        Map<String, CalendarEntry> calendars, Map<String, TierEntry> tiers, Map<String, List<String>> pauses) {

    /** A calendar: working days, the daily window {@code "HH:MM-HH:MM"}, its zone and its holidays. */
    public record CalendarEntry(String zone, List<String> days, String hours, List<String> holidays) {}

    /** A tier: its calendar's name and its targets per priority ({@code P1} … {@code P4}). */
    public record TierEntry(String calendar, Map<String, TargetEntry> targets) {}

    /** A response and a resolution target: {@code 15m}, {@code 4h}, {@code 2d} or ISO-8601. */
    public record TargetEntry(String response, String resolution) {}
}
