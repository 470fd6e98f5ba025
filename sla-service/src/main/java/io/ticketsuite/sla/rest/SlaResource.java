package io.ticketsuite.sla.rest;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.sla.SlaPolicy;
import io.ticketsuite.sla.mapping.SlaMapper;
import io.ticketsuite.sla.rest.dto.PreviewRequest;
import io.ticketsuite.sla.rest.dto.PreviewResponse;
import io.ticketsuite.sla.rest.dto.SlaResponse;
import io.ticketsuite.sla.service.SlaService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where a ticket stands against its SLA, and when a ticket would be due: a staff view (agents, leads, admins). */
@RolesAllowed({Roles.AGENT, Roles.LEAD, Roles.ADMIN})
@Path("/api/v1/sla")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "sla",
        description = "The response and resolution clocks of each ticket: targets, due instants, thresholds, state")
public class SlaResource {
    /** The instants a preview accepts: far enough from java.time's limits for any target. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    static final Instant LATEST = Instant.parse("9000-01-01T00:00:00Z");

    private final SlaService sla;
    private final SlaPolicy policy;

    public SlaResource(SlaService sla, SlaPolicy policy) {
        this.sla = sla;
        this.policy = policy;
    }

    @GET
    @Path("/{ticketId}")
    @Operation(
            operationId = "getTicketSla",
            summary = "Read a ticket's SLA",
            description = "The calendar and time zone, each clock with its target, due instant, elapsed percentage, "
                    + "state (RUNNING, PAUSED, MET, BREACHED), pauses and thresholds, and the timeline.")
    @APIResponse(responseCode = "200", description = "The ticket's clocks (empty while waiting for its priority)")
    @APIResponse(
            responseCode = "404",
            description = "No event about this ticket has reached sla-service (or not a ticket id)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SlaResponse> getTicketSla(@PathParam("ticketId") String ticketId) {
        return sla.view(ProblemException.idOrNotFound("ticket", ticketId));
    }

    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "previewSla",
            summary = "Preview when a ticket would be due",
            description = "For a tier, a priority, a creation instant and optionally the customer's time zone: the "
                    + "calendar used and, per clock, the target (working time), the due instant and the threshold "
                    + "instants (50, 75, 100, 125 %). Creates nothing.")
    @APIResponse(responseCode = "200", description = "The due instants a ticket created then would get")
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PreviewResponse previewSla(PreviewRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw ProblemException.validation(List.of(new Problem.FieldError("body", "must not be empty")));
        }
        if (request.tier() == null) {
            errors.add(new Problem.FieldError("tier", "must not be null"));
        }
        if (request.priority() == null) {
            errors.add(new Problem.FieldError("priority", "must not be null"));
        }
        if (request.createdAt() == null) {
            errors.add(new Problem.FieldError("created_at", "must not be null"));
        } else if (request.createdAt().isBefore(EARLIEST) || request.createdAt().isAfter(LATEST)) {
            errors.add(new Problem.FieldError("created_at", "must be between " + EARLIEST + " and " + LATEST));
        }
        ZoneId zone = null;
        if (request.timeZone() != null) {
            try {
                zone = ZoneId.of(request.timeZone());
            } catch (DateTimeException e) {
                errors.add(new Problem.FieldError("time_zone", "must be an IANA time zone, e.g. Europe/Berlin"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return SlaMapper.toPreview(policy, request.tier(), request.priority(), request.createdAt(), zone);
    }
}
