package io.ticketsuite.triage.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.security.Caller;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.triage.repository.CorrectionRepository;
import io.ticketsuite.triage.rest.dto.CorrectionResponse;
import io.ticketsuite.triage.rest.dto.ReclassifyRequest;
import io.ticketsuite.triage.rest.dto.TriageDecisionResponse;
import io.ticketsuite.triage.service.ClassifierService;
import io.ticketsuite.triage.service.ReclassificationService;
import io.ticketsuite.triage.service.TriageService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The stored triage decision of a ticket with the explanation of why, and people's corrections of it. */
@RolesAllowed({Roles.AGENT, Roles.LEAD, Roles.ADMIN})
@Path("/api/v1/triage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "triage",
        description = "The stored triage decision of each ticket, with the explanation of why, and corrections"
                + " by people")
public class TriageResource {
    public static final String NDJSON = "application/x-ndjson";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_EXPORT = 10_000;

    private final TriageService triage;
    private final ReclassificationService reclassification;
    private final ClassifierService classifier;
    private final Caller caller;

    public TriageResource(
            TriageService triage,
            ReclassificationService reclassification,
            ClassifierService classifier,
            Caller caller) {
        this.triage = triage;
        this.reclassification = reclassification;
        this.classifier = classifier;
        this.caller = caller;
    }

    @GET
    @Path("/{ticketId}")
    @Operation(
            operationId = "getTriageDecision",
            summary = "Read a ticket's triage decision",
            description = "Category, priority, confidence and the classifier's explanation, as decided when the"
                    + " ticket.created event arrived; the corrections people made since (oldest first) and the"
                    + " category and priority in force.")
    @APIResponse(responseCode = "200", description = "The decision")
    @APIResponse(
            responseCode = "404",
            description = "Not triaged (yet), or not a ticket id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TriageDecisionResponse> getTriageDecision(@PathParam("ticketId") String ticketId) {
        return triage.view(ProblemException.idOrNotFound("triage decision of ticket", ticketId));
    }

    @POST
    @Path("/{ticketId}/reclassify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "reclassifyTicket",
            summary = "Correct a ticket's category and/or priority",
            description = "Stores the correction beside the classifier's decision (which stays visible) and"
                    + " publishes ticket.reclassified on triage-events: who (from the token), from, to and why.")
    @APIResponse(responseCode = "200", description = "The correction")
    @APIResponse(
            responseCode = "400",
            description = "Neither category nor priority, a category the rule pack in force does not have, a"
                    + " priority other than P1..P4, or no reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No triage decision for this ticket (yet), or not a ticket id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The ticket already has this category and priority (`…/problems/no-change`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CorrectionResponse> reclassifyTicket(
            @PathParam("ticketId") String ticketId,
            @NotNull(message = "a JSON body is required") ReclassifyRequest request) {
        java.util.UUID id = ProblemException.idOrNotFound("triage decision of ticket", ticketId);
        return reclassification
                .reclassify(
                        id,
                        new ReclassificationService.Request(request.category(), request.priority(), request.reason()),
                        caller.id())
                .invoke(reclassification::committed);
    }

    @GET
    @Path("/corrections")
    @RolesAllowed({Roles.LEAD, Roles.ADMIN})
    @Produces(NDJSON)
    @Operation(
            operationId = "exportCorrections",
            summary = "Export corrected tickets as labelled rows",
            description = "One JSON object a line in the dev-set format of the classifier's evaluation:"
                    + " `id` (the ticket id), `subject`, `body`, `expected_category` (the fallback category is"
                    + " written `other`), `expected_priority`; the labels are the ticket's last correction. Oldest"
                    + " correction first.")
    @APIResponse(
            responseCode = "200",
            description = "Newline-delimited JSON",
            content = @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "400",
            description = "offset or limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<String> exportCorrections(
            @QueryParam("offset")
                    @DefaultValue("0")
                    @Parameter(description = "rows to skip, 0 … 1000000", schema = @Schema(type = SchemaType.INTEGER))
                    String offsetParam,
            @QueryParam("limit")
                    @DefaultValue("10000")
                    @Parameter(description = "rows, 1 … 10000", schema = @Schema(type = SchemaType.INTEGER))
                    String limitParam) {
        int offset = bounded("offset", offsetParam, 0, 1_000_000);
        int limit = bounded("limit", limitParam, 1, MAX_EXPORT);
        String fallback = classifier.rulePack().fallbackCategory();
        return reclassification.labelled(offset, limit).map(rows -> ndjson(rows, fallback));
    }

    static String ndjson(List<CorrectionRepository.Labelled> rows, String fallback) {
        StringBuilder out = new StringBuilder();
        for (CorrectionRepository.Labelled row : rows) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", row.ticketId().toString());
            line.put("subject", row.subject() == null ? "" : row.subject());
            line.put("body", row.description() == null ? "" : row.description());
            line.put("expected_category", row.category().equals(fallback) ? "other" : row.category());
            line.put("expected_priority", row.priority());
            try {
                out.append(JSON.writeValueAsString(line)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write an export row", e);
            }
        }
        return out.toString();
    }

    private static int bounded(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.validation(
                List.of(new Problem.FieldError(name, "must be an integer between " + min + " and " + max)));
    }
}
