package io.ticketsuite.sla;

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

/** One pause of one clock run: the status that paused it, from when, until when, and the working time it lasted. */
@Entity
@Table(name = "sla_pause")
public class SlaPause {
    @Id
    public UUID id;

    @Column(name = "ticket_id", nullable = false, updatable = false)
    public UUID ticketId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public SlaClock clock;

    @Column(nullable = false, updatable = false)
    public int cycle;

    /** The status that paused the clock. */
    @Column(nullable = false, updatable = false)
    public String reason;

    @Column(name = "paused_at", nullable = false, updatable = false)
    public Instant pausedAt;

    /** Null while the pause lasts. */
    @Column(name = "resumed_at")
    public Instant resumedAt;

    /** The working time of the calendar between the pause and the resume; null while it lasts. */
    @Column(name = "paused_millis")
    public Long pausedMillis;

    public boolean open() {
        return resumedAt == null;
    }

    public Duration pausedWorkingTime() {
        return pausedMillis == null ? null : Duration.ofMillis(pausedMillis);
    }
}
