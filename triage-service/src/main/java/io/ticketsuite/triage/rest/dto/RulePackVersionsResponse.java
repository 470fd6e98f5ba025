package io.ticketsuite.triage.rest.dto;

import java.time.Instant;
import java.util.List;

/** The rule pack in force and the packs loaded before it, newest first. */
public record RulePackVersionsResponse(String version, String source, List<Loaded> history) {

    /** One pack that was in force: its version, who or what loaded it, and when. */
    public record Loaded(long seq, String version, String loadedBy, Instant loadedAt) {}
}
