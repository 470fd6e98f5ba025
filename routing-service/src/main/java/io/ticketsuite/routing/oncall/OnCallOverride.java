package io.ticketsuite.routing.oncall;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.UUID;

/** Someone covering a team's on-call duty for whole days (inclusive, in the rotation's time zone). */
@Entity
@Table(name = "on_call_override")
public class OnCallOverride {
    @Id
    public UUID id;

    @Column(name = "team_id", nullable = false)
    public String teamId;

    @Column(name = "staff_id", nullable = false)
    public String staffId;

    @Column(nullable = false)
    public String name;

    @Column(name = "from_date", nullable = false)
    public LocalDate fromDate;

    @Column(name = "to_date", nullable = false)
    public LocalDate toDate;

    public String reason;
}
