package io.ticketsuite.routing.rest;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.routing.mapping.RoutingMapper;
import io.ticketsuite.routing.rest.dto.AssignmentResponse;
import io.ticketsuite.routing.service.RoutingService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who a ticket was assigned to, and why. */
@RolesAllowed({Roles.AGENT, Roles.LEAD, Roles.ADMIN})
@Path("/api/v1/assignments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "assignments", description = "Which team and agent each ticket went to, by which rule and why")
public class AssignmentResource {
    private final RoutingService routing;

    public AssignmentResource(RoutingService routing) {
        this.routing = routing;
    }

    @GET
    @Path("/{ticketId}")
    @Operation(
            summary = "Read the assignment of a ticket",
            description = "Team, agent, team lead, the rule that fired and a human reason. A ticket is assigned "
                    + "once both ticket.created and ticket.triaged have been seen.")
    @APIResponse(responseCode = "200", description = "The assignment")
    @APIResponse(
            responseCode = "404",
            description = "Not assigned (yet), or not a ticket id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AssignmentResponse> getAssignment(@PathParam("ticketId") String ticketId) {
        return routing.get(ProblemException.idOrNotFound("assignment of ticket", ticketId))
                .map(RoutingMapper::toResponse);
    }
}
