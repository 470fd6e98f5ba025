package io.ticketsuite.events;

import java.time.Instant;

/** What the three threshold events (warning, breached, escalated) share. */
public interface SlaThresholdReached extends EventData {
    SlaClock clock();

    int thresholdPercent();

    Priority priority();

    Instant dueAt();

    String assigneeId();

    String teamId();

    String teamLeadId();

    Instant firedAt();
}
