package io.ticketsuite.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of the staff directory (seeded by Flyway): a person in a role for a team, or for every team. */
@Entity
@Table(name = "recipient")
public class Recipient {
    @Id
    @Column(name = "entry_id")
    public Long entryId;

    @Column(name = "staff_id", nullable = false)
    public String staffId;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RecipientRole role;

    /** Null: the default for teams that have no entry of this role. */
    @Column(name = "team_id")
    public String teamId;

    public String email;

    public StaffMember toStaffMember() {
        return new StaffMember(staffId, name, role, teamId);
    }
}
