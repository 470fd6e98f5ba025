package io.ticketsuite.routing.rest;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EscalationTarget;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.rest.Paging;
import io.ticketsuite.kit.security.Caller;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.routing.escalation.Escalation;
import io.ticketsuite.routing.escalation.EscalationMetrics;
import io.ticketsuite.routing.escalation.EscalationService;
import io.ticketsuite.routing.rest.dto.EscalationPageResponse;
import io.ticketsuite.routing.rest.dto.EscalationResponse;
import io.ticketsuite.routing.rest.dto.EscalationTargetResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Escalations opened by the escalation matrix: the list for leads, one escalation, and acknowledging it. */
@RolesAllowed({Roles.AGENT, Roles.LEAD, Roles.ADMIN})
@Path("/api/v1/escalations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "escalations",
        description = "Escalations of the escalation matrix: levels, targets, deadlines, acknowledgement")
public class EscalationResource {
    private static final int DEFAULT_SIZE = 20;

    private final EscalationService escalations;
    private final EscalationMetrics metrics;
    private final Paging paging;
    private final Caller caller;

    public EscalationResource(EscalationService escalations, EscalationMetrics metrics, Paging paging, Caller caller) {
        this.escalations = escalations;
        this.metrics = metrics;
        this.paging = paging;
        this.caller = caller;
    }

    @GET
    @Operation(
            summary = "List escalations",
            description = "Escalations newest first, optionally of one state (open, acknowledged, expired, closed) "
                    + "and/or one ticket.")
    @APIResponse(responseCode = "200", description = "A page of escalations")
    @APIResponse(
            responseCode = "400",
            description = "An unknown state, a ticket_id that is not a UUID, or page/size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<EscalationPageResponse> listEscalations(
            @QueryParam("state") @Parameter(description = "open, acknowledged, expired or closed") String state,
            @QueryParam("ticket_id") @Parameter(description = "only the escalations of this ticket") String ticketId,
            @QueryParam("page") @Parameter(description = "0-based page, default 0") String page,
            @QueryParam("size") @Parameter(description = "page size, default 20") String size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Escalation.State stateFilter = null;
        if (state != null && !state.isBlank()) {
            try {
                stateFilter = Escalation.State.valueOf(state.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("state", "must be one of open, acknowledged, expired, closed"));
            }
        }
        UUID ticket = null;
        if (ticketId != null && !ticketId.isBlank()) {
            try {
                ticket = UUID.fromString(ticketId.trim());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("ticket_id", "must be a UUID"));
            }
        }
        Paging.Page paged = paging.parse(page, size, DEFAULT_SIZE, errors);
        int pageNumber = paged.number();
        int pageSize = paged.size();
        int offset = paged.offset();
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return escalations
                .list(stateFilter, ticket, offset, pageSize)
                .map(result -> new EscalationPageResponse(
                        result.items().stream()
                                .map(EscalationResource::toResponse)
                                .toList(),
                        pageNumber,
                        pageSize,
                        result.total()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an escalation", description = "One escalation level with its targets and state.")
    @APIResponse(responseCode = "200", description = "The escalation")
    @APIResponse(
            responseCode = "404",
            description = "No such escalation, or not an escalation id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<EscalationResponse> getEscalation(@PathParam("id") String id) {
        return escalations.get(ProblemException.idOrNotFound("escalation", id)).map(EscalationResource::toResponse);
    }

    @POST
    @Path("/{id}/acknowledge")
    @Operation(
            summary = "Acknowledge an escalation",
            description = "The escalation's targets, or any lead or admin, acknowledge it before its deadline; "
                    + "who acknowledged is taken from the token. Acknowledged escalations do not go to the next level.")
    @APIResponse(responseCode = "200", description = "The acknowledged escalation")
    @APIResponse(
            responseCode = "403",
            description = "An agent who is not one of the escalation's targets",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such escalation, or not an escalation id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Already acknowledged, expired (deadline passed) or closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<EscalationResponse> acknowledgeEscalation(@PathParam("id") String id) {
        return escalations
                .acknowledge(ProblemException.idOrNotFound("escalation", id), caller)
                .invoke(metrics::acknowledged)
                .map(EscalationResource::toResponse);
    }

    static EscalationResponse toResponse(Escalation e) {
        return new EscalationResponse(
                e.id,
                e.ticketId,
                e.rule,
                e.level,
                e.levelName,
                e.state.name(),
                e.reason,
                e.triggerEvent,
                e.teamId,
                e.clusterId,
                EscalationService.targets(e).stream()
                        .map(EscalationResource::toResponse)
                        .toList(),
                e.immediate,
                e.createdAt,
                e.acknowledgeBy,
                e.acknowledgedAt,
                e.acknowledgedBy,
                e.expiredAt,
                e.closedAt,
                e.previousId,
                e.nextId);
    }

    private static EscalationTargetResponse toResponse(EscalationTarget t) {
        return new EscalationTargetResponse(t.staffId(), t.name(), t.role());
    }
}
