package io.ticketsuite.routing.rest;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.routing.oncall.OnCallService;
import io.ticketsuite.routing.rest.dto.OnCallResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who is on call for a team at an instant (the team's weekly rotation and its overrides). */
@RolesAllowed({Roles.AGENT, Roles.LEAD, Roles.ADMIN})
@Path("/api/v1/teams/{teamId}/on-call")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "on-call", description = "On-call rotations per team: who is on call at an instant")
public class OnCallResource {
    private final OnCallService onCall;
    private final Clock clock;

    public OnCallResource(OnCallService onCall, Clock clock) {
        this.onCall = onCall;
        this.clock = clock;
    }

    @GET
    @Operation(
            summary = "Who is on call",
            description = "The person on call for the team at the instant (default now): an override covering the "
                    + "day wins over the rotation; from/until bound their shift or cover.")
    @APIResponse(responseCode = "200", description = "Who is on call")
    @APIResponse(
            responseCode = "400",
            description = "at is not an ISO-8601 instant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown team, or a team without an on-call rotation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<OnCallResponse> getOnCall(
            @PathParam("teamId") String teamId,
            @QueryParam("at") @Parameter(description = "an ISO-8601 instant, e.g. 2026-03-30T07:00:00Z; default now")
                    String at) {
        Instant instant = clock.instant();
        if (at != null && !at.isBlank()) {
            try {
                instant = Instant.parse(at.trim());
            } catch (DateTimeParseException e) {
                throw ProblemException.validation(List.of(
                        new Problem.FieldError("at", "must be an ISO-8601 instant such as 2026-03-30T07:00:00Z")));
            }
        }
        return onCall.onCall(teamId, instant)
                .map(answer -> new OnCallResponse(
                        answer.teamId(),
                        answer.teamName(),
                        answer.at(),
                        answer.onCall().staffId(),
                        answer.onCall().name(),
                        answer.onCall().source().name(),
                        answer.onCall().from(),
                        answer.onCall().until(),
                        answer.timeZone(),
                        answer.onCall().reason()));
    }
}
