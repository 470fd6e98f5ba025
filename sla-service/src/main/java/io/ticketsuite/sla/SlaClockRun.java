package io.ticketsuite.sla;

import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** One clock of a ticket (response or resolution): when it started, its target, when it is due, how it ended. */
@Entity
@Table(name = "sla_clock")
public class SlaClockRun {
    @Id
    public UUID id;

    @Column(name = "ticket_id", nullable = false, updatable = false)
    public UUID ticketId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public SlaClock clock;

    /** 1 for the first run; a restart (a reopened ticket's resolution clock) increments it. */
    @Column(nullable = false)
    public int cycle;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Priority priority;

    @Column(name = "target_millis", nullable = false)
    public long targetMillis;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ClockState state;

    @Column(name = "met_at")
    public Instant metAt;

    @Column(name = "within_target")
    public Boolean withinTarget;

    /** The start of the open pause; null while the clock runs. */
    @Column(name = "paused_at")
    public Instant pausedAt;

    /** The working time the closed pauses of this cycle lasted. */
    @Column(name = "paused_millis", nullable = false)
    public long pausedMillis;

    public Duration paused() {
        return Duration.ofMillis(pausedMillis);
    }

    public Duration target() {
        return Duration.ofMillis(targetMillis);
    }

    public boolean running() {
        return state == ClockState.RUNNING;
    }
}
