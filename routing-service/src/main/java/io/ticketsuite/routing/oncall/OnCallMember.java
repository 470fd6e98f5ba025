package io.ticketsuite.routing.oncall;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A member of a team's on-call rotation at its position (0 first). */
@Entity
@Table(name = "on_call_member")
@IdClass(OnCallMember.Key.class)
public class OnCallMember {
    @Id
    @Column(name = "team_id")
    public String teamId;

    @Id
    public int position;

    @Column(name = "staff_id", nullable = false)
    public String staffId;

    @Column(nullable = false)
    public String name;

    /** The composite key (team, position). */
    public static class Key implements Serializable {
        public String teamId;
        public int position;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && position == k.position && Objects.equals(teamId, k.teamId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(teamId, position);
        }
    }
}
