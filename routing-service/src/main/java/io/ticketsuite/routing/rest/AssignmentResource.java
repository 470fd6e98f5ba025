package io.ticketsuite.routing.rest;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.security.Caller;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.routing.mapping.RoutingMapper;
import io.ticketsuite.routing.rest.dto.AssignmentResponse;
import io.ticketsuite.routing.rest.dto.EscalateTierRequest;
import io.ticketsuite.routing.rest.dto.ReassignRequest;
import io.ticketsuite.routing.service.ReassignmentService;
import io.ticketsuite.routing.service.RoutingService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
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
    private final ReassignmentService reassignments;
    private final Caller caller;

    public AssignmentResource(RoutingService routing, ReassignmentService reassignments, Caller caller) {
        this.routing = routing;
        this.reassignments = reassignments;
        this.caller = caller;
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

    @POST
    @Path("/{ticketId}/reassign")
    @RolesAllowed({Roles.LEAD, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "reassignTicket",
            summary = "Reassign a ticket to an agent or a team",
            description = "A lead or admin moves an open ticket: to `agent_id` (their team follows; an offline agent "
                    + "is refused) or to `team_id` (an agent of it is chosen least loaded, the current assignee "
                    + "excluded). `reason` is required. Announced as ticket.reassigned with reassigned_by from the "
                    + "token.")
    @APIResponse(responseCode = "200", description = "The assignment after the move")
    @APIResponse(
            responseCode = "400",
            description = "Invalid fields, neither agent_id nor team_id, an unknown agent or team",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Not assigned (yet), or not a ticket id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Resolved or closed, already with that agent, or the agent is offline",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AssignmentResponse> reassignTicket(
            @PathParam("ticketId") String ticketId,
            @NotNull(message = "a JSON body is required") @Valid ReassignRequest request) {
        UUID id = ProblemException.idOrNotFound("assignment of ticket", ticketId);
        String agentId = blankToNull(request.agentId());
        String teamId = blankToNull(request.teamId());
        if (agentId == null && teamId == null) {
            throw ProblemException.validation(List.of(
                    new Problem.FieldError("agent_id", "agent_id or team_id is required"),
                    new Problem.FieldError("team_id", "agent_id or team_id is required")));
        }
        return reassignments
                .reassign(id, agentId, teamId, request.reason().trim(), caller.id())
                .map(RoutingMapper::toResponse);
    }

    @POST
    @Path("/{ticketId}/escalate-tier")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "escalateTicketTier",
            summary = "Escalate a ticket to the next engineering tier",
            description = "Moves an open ticket of a tiered team to the next tier's team (T1 → T2 → T3) and an agent "
                    + "there (least loaded), with the reason; announced as ticket.reassigned with the new tier.")
    @APIResponse(responseCode = "200", description = "The assignment at the next tier")
    @APIResponse(
            responseCode = "400",
            description = "No reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Not assigned (yet), or not a ticket id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Already at Tier 3, not in a tiered team, or resolved/closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AssignmentResponse> escalateTicketTier(
            @PathParam("ticketId") String ticketId,
            @NotNull(message = "a JSON body is required") @Valid EscalateTierRequest request) {
        UUID id = ProblemException.idOrNotFound("assignment of ticket", ticketId);
        return reassignments
                .escalateTier(id, request.reason().trim(), caller.id())
                .map(RoutingMapper::toResponse);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
