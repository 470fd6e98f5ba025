package io.ticketsuite.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The round-robin cursor of one team: the last agent chosen. Locked while an agent of the team is chosen. */
@Entity
@Table(name = "routing_cursor")
public class RoutingCursor {
    @Id
    @Column(name = "team_id")
    public String teamId;

    @Column(name = "last_agent_id")
    public String lastAgentId;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
