package io.ticketsuite.triage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The classification decision of one ticket, kept with its explanation and the event that caused it. */
@Entity
@Table(name = "triage_decision")
public class TriageDecision {
    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;

    @Column(nullable = false)
    public String category;

    /** P1..P4. */
    @Column(nullable = false)
    public String priority;

    @Column(nullable = false)
    public double confidence;

    /** The classifier's explanation as snake_case JSON text. */
    @Column(nullable = false)
    public String explanation;

    @Column(name = "rule_pack_version", nullable = false)
    public String rulePackVersion;

    @Column(name = "customer_tier")
    public String customerTier;

    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;

    @Column(name = "source_event_id", nullable = false)
    public UUID sourceEventId;

    /** The ticket's subject as classified (kept for the corrections export). */
    public String subject;

    /** The ticket's description as classified. */
    public String description;
}
