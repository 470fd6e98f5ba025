package io.ticketsuite.intake;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Time a staff member logged against a ticket. */
@Entity
@Table(name = "ticket_time_entry")
public class TimeEntry {
    @Id
    public UUID id;

    @Column(name = "ticket_id", nullable = false)
    public UUID ticketId;

    @Column(nullable = false)
    public int minutes;

    public String note;

    @Column(name = "work_date", nullable = false)
    public LocalDate workDate;

    @Column(name = "logged_by", nullable = false)
    public String loggedBy;

    @Column(name = "logged_at", nullable = false)
    public Instant loggedAt;
}
