package io.ticketsuite.sla.rest;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.sla.rest.dto.SlaResponse;
import io.ticketsuite.sla.service.SlaService;
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

/** Where a ticket stands against its SLA: a staff view (agents, leads, admins). */
@RolesAllowed({Roles.AGENT, Roles.LEAD, Roles.ADMIN})
@Path("/api/v1/sla")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "sla",
        description = "The response and resolution clocks of each ticket: targets, due instants, thresholds, state")
public class SlaResource {
    private final SlaService sla;

    public SlaResource(SlaService sla) {
        this.sla = sla;
    }

    @GET
    @Path("/{ticketId}")
    @Operation(
            summary = "Read a ticket's SLA",
            description = "Each clock with its target, due instant, elapsed percentage and state (RUNNING, MET, "
                    + "BREACHED), and its thresholds with the instants they are due and fired.")
    @APIResponse(responseCode = "200", description = "The ticket's clocks (empty while waiting for its priority)")
    @APIResponse(
            responseCode = "404",
            description = "No event about this ticket has reached sla-service (or not a ticket id)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SlaResponse> getTicketSla(@PathParam("ticketId") String ticketId) {
        return sla.view(ProblemException.idOrNotFound("ticket", ticketId));
    }
}
