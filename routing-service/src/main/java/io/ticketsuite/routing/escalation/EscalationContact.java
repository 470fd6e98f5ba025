package io.ticketsuite.routing.escalation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A named role the matrix can escalate to (ciso, legal, cto, …) and the staff member who holds it. */
@Entity
@Table(name = "escalation_contact")
public class EscalationContact {
    @Id
    public String role;

    @Column(name = "staff_id", nullable = false)
    public String staffId;

    @Column(nullable = false)
    public String name;

    public String email;
}
