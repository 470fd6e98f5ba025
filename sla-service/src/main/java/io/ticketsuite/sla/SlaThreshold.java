package io.ticketsuite.sla;

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
 * One threshold of one clock run (50, 75, 100 or 125 % of its target): when it is due, and whether it fired or
 * was cancelled. Its row is what makes the threshold event exactly-once.
 *
 * <p>Updated whole (no {@code @DynamicUpdate}): the consumer changes only thresholds it read locked and pending, which
 * the scheduler's claim ({@code FOR UPDATE SKIP LOCKED}) then cannot fire meanwhile, so writing every column loses
 * nothing; and one update statement for every row lets Hibernate batch a batch's updates (Hibernate Reactive sent
 * dynamic updates of different column sets in one JDBC batch, which PostgreSQL refused).
 */
@Entity
@Table(name = "sla_threshold")
public class SlaThreshold {
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
    public int percent;

    @Column(name = "fire_at", nullable = false)
    public Instant fireAt;

    @Column(name = "fired_at")
    public Instant firedAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    /** Set while its clock is paused: the scheduler does not fire it until the clock resumes and moves it. */
    @Column(name = "held_since")
    public Instant heldSince;

    public boolean pending() {
        return firedAt == null && cancelledAt == null;
    }

    public ThresholdState state() {
        if (firedAt != null) {
            return ThresholdState.FIRED;
        }
        return cancelledAt != null ? ThresholdState.CANCELLED : ThresholdState.PENDING;
    }
}
