package io.ticketsuite.routing.oncall;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.LocalTime;

/** A team's weekly on-call rotation: hand-over weekday and local time in an IANA zone (seeded data). */
@Entity
@Table(name = "on_call_rotation")
public class OnCallRotation {
    @Id
    @Column(name = "team_id")
    public String teamId;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "handover_day", nullable = false)
    public String handoverDay;

    @Column(name = "handover_time", nullable = false)
    public LocalTime handoverTime;

    @Column(name = "starts_on", nullable = false)
    public LocalDate startsOn;
}
