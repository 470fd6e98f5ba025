package io.ticketsuite.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A support team and its lead; seeded by the Flyway migration. */
@Entity
@Table(name = "team")
public class Team {
    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(name = "lead_id", nullable = false)
    public String leadId;

    @Column(name = "lead_name", nullable = false)
    public String leadName;

    /** T1, T2 or T3 for the tiered engineering teams (escalate-tier moves up), null otherwise. */
    public String tier;
}
