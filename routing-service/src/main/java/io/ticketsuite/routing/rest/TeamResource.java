package io.ticketsuite.routing.rest;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.routing.mapping.RoutingMapper;
import io.ticketsuite.routing.rest.dto.TeamResponse;
import io.ticketsuite.routing.service.TeamService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The teams tickets are routed to, with their agents and current load. */
@RolesAllowed({Roles.AGENT, Roles.LEAD, Roles.ADMIN})
@Path("/api/v1/teams")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "teams", description = "Teams, their leads and agents, with current load")
public class TeamResource {
    private final TeamService teams;

    public TeamResource(TeamService teams) {
        this.teams = teams;
    }

    @GET
    @Operation(
            summary = "List teams",
            description = "Every team with its lead and agents; open_assignments is an agent's current load "
                    + "(assignments of tickets not yet resolved or closed).")
    public Uni<List<TeamResponse>> listTeams() {
        return teams.directory().map(RoutingMapper::toResponse);
    }
}
