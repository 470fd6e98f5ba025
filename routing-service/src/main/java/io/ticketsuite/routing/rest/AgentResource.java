package io.ticketsuite.routing.rest;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.security.Caller;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.routing.mapping.RoutingMapper;
import io.ticketsuite.routing.rest.dto.AgentStatusRequest;
import io.ticketsuite.routing.rest.dto.AgentStatusResponse;
import io.ticketsuite.routing.service.ReassignmentService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Agents' availability: only available agents get new tickets; going offline hands back unstarted ones. */
@RolesAllowed({Roles.AGENT, Roles.LEAD, Roles.ADMIN})
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "agents", description = "Agents' availability and capacity")
public class AgentResource {
    private final ReassignmentService reassignments;
    private final Caller caller;

    public AgentResource(ReassignmentService reassignments, Caller caller) {
        this.reassignments = reassignments;
        this.caller = caller;
    }

    @PUT
    @Path("/{agentId}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "setAgentStatus",
            summary = "Set an agent's availability and capacity",
            description = "AVAILABLE agents get new tickets; AWAY agents keep theirs but get no new ones; OFFLINE "
                    + "agents also hand their tickets nobody works on yet (NEW/ACCEPTED/TRIAGED/ASSIGNED) to the "
                    + "other available agents of their team, each announced as ticket.reassigned. An agent may set "
                    + "only their own status; leads and admins anyone's.")
    @APIResponse(responseCode = "200", description = "The agent and the tickets handed on")
    @APIResponse(
            responseCode = "400",
            description = "Invalid status or capacity",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "An agent setting another agent's status",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such agent",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AgentStatusResponse> setAgentStatus(
            @PathParam("agentId") String agentId,
            @NotNull(message = "a JSON body is required") @Valid AgentStatusRequest request) {
        if (!caller.is(Roles.LEAD) && !caller.isAdmin() && !caller.id().equals(agentId)) {
            throw ProblemException.forbidden("an agent may set only their own status");
        }
        return reassignments
                .setStatus(agentId, request.status(), request.capacity(), caller.id())
                .map(change -> new AgentStatusResponse(RoutingMapper.toResponse(change.agent()), change.rebalanced()));
    }
}
