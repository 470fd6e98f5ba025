package io.ticketsuite.triage.rest;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.rest.Paging;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.triage.rest.dto.RecurringPageResponse;
import io.ticketsuite.triage.service.RecurringService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Clusters of similar recent tickets (recurring issues), with their tickets and the terms they share. */
@RolesAllowed({Roles.AGENT, Roles.LEAD, Roles.ADMIN})
@Path("/api/v1/recurring")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "recurring", description = "Recurring issues: clusters of similar recent tickets and why they are similar")
public class RecurringResource {
    private final RecurringService recurring;
    private final Paging paging;

    public RecurringResource(RecurringService recurring, Paging paging) {
        this.recurring = recurring;
        this.paging = paging;
    }

    @GET
    @Operation(
            operationId = "listRecurringIssues",
            summary = "List clusters of similar recent tickets",
            description = "Clusters updated within the recurring window (triage.recurring.window), most recently"
                    + " updated first: category, signature, the analysed terms most members share (the why), size,"
                    + " the last size announced as issue.recurring-detected, and the tickets with their similarity.")
    @APIResponse(responseCode = "200", description = "One page of clusters")
    @APIResponse(
            responseCode = "400",
            description = "page or size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RecurringPageResponse> listRecurringIssues(
            @QueryParam("page")
                    @DefaultValue("0")
                    @Parameter(description = "0 … 100000", schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
                    String pageParam,
            @QueryParam("size")
                    @DefaultValue("20")
                    @Parameter(
                            description = "1 … 200",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
                    String sizeParam) {
        int page = integer("page", pageParam);
        int size = integer("size", sizeParam);
        int offset = paging.offset(page, size);
        return recurring
                .clusters(offset, size)
                .map(result -> new RecurringPageResponse(result.clusters(), page, size, result.total()));
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.validation(List.of(new Problem.FieldError(name, "must be an integer")));
        }
    }
}
