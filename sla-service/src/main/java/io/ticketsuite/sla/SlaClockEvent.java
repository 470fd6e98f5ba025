package io.ticketsuite.sla;

import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One step in the history of a clock run, kept for every cycle: {@code started}, {@code restarted} (a reopen),
 * {@code recomputed} (a new priority) or {@code met}, with the priority and due instant it left the clock with.
 * Written once, never changed.
 */
@Entity
@Table(name = "sla_clock_event")
public class SlaClockEvent {
    public static final String STARTED = "started";
    public static final String RESTARTED = "restarted";
    public static final String RECOMPUTED = "recomputed";
    public static final String MET = "met";

    @Id
    public UUID id;

    @Column(name = "ticket_id", nullable = false, updatable = false)
    public UUID ticketId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public SlaClock clock;

    @Column(nullable = false, updatable = false)
    public int cycle;

    @Column(nullable = false, updatable = false)
    public String event;

    @Column(nullable = false, updatable = false)
    public Instant at;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Priority priority;

    @Column(name = "due_at", nullable = false, updatable = false)
    public Instant dueAt;

    /** For {@code met}: whether the clock was met by its due instant. */
    @Column(name = "within_target", updatable = false)
    public Boolean withinTarget;

    @Column(updatable = false)
    public String detail;

    public static SlaClockEvent of(SlaClockRun run, String event, Instant at, String detail) {
        SlaClockEvent e = new SlaClockEvent();
        e.id = UUID.randomUUID();
        e.ticketId = run.ticketId;
        e.clock = run.clock;
        e.cycle = run.cycle;
        e.event = event;
        e.at = at;
        e.priority = run.priority;
        e.dueAt = run.dueAt;
        e.withinTarget = MET.equals(event) ? run.withinTarget : null;
        e.detail = detail;
        return e;
    }
}
