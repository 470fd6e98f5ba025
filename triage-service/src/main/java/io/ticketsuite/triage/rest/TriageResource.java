package io.ticketsuite.triage.rest;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.triage.mapping.TriageMapper;
import io.ticketsuite.triage.rest.dto.TriageDecisionResponse;
import io.ticketsuite.triage.service.TriageService;
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

/** The stored triage decision of a ticket, with the explanation of why. */
@RolesAllowed({Roles.AGENT, Roles.LEAD, Roles.ADMIN})
@Path("/api/v1/triage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "triage", description = "The stored triage decision of each ticket, with the explanation of why")
public class TriageResource {
    private final TriageService triage;

    public TriageResource(TriageService triage) {
        this.triage = triage;
    }

    @GET
    @Path("/{ticketId}")
    @Operation(
            summary = "Read a ticket's triage decision",
            description = "Category, priority, confidence and the classifier's explanation, as decided when the"
                    + " ticket.created event arrived.")
    @APIResponse(responseCode = "200", description = "The decision")
    @APIResponse(
            responseCode = "404",
            description = "Not triaged (yet), or not a ticket id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TriageDecisionResponse> getTriageDecision(@PathParam("ticketId") String ticketId) {
        return triage.find(ProblemException.idOrNotFound("triage decision of ticket", ticketId))
                .map(TriageMapper::toResponse);
    }
}
