package io.ticketsuite.triage.rest;

import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.security.Caller;
import io.ticketsuite.kit.security.RateLimiter;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.triage.mapping.TriageMapper;
import io.ticketsuite.triage.rest.dto.ClassifyRequest;
import io.ticketsuite.triage.rest.dto.ClassifyResponse;
import io.ticketsuite.triage.service.ClassifierService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Classifies a text on demand with the active rule pack, storing nothing: for agents, tools and rule authors, and for
 * channel systems (a web form backend previewing the category). Rate-limited per principal ({@code classify}).
 */
@RolesAllowed({Roles.AGENT, Roles.LEAD, Roles.ADMIN, Roles.CHANNEL})
@Path("/api/v1/classify")
@Tag(
        name = "classify",
        description = "Preview how the active rule pack classifies a text (category, priority, explanation), "
                + "without storing anything")
public class ClassifyResource {
    private final ClassifierService classifier;
    private final RateLimiter rateLimiter;
    private final Caller caller;

    public ClassifyResource(ClassifierService classifier, RateLimiter rateLimiter, Caller caller) {
        this.classifier = classifier;
        this.rateLimiter = rateLimiter;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Classify a ticket text without storing it",
            description = "Returns category, priority (P1..P4), confidence in [0, 1] and the explanation: scores,"
                    + " matched and negated terms, the tie rule when it fired, and how the priority was decided.")
    @APIResponse(responseCode = "200", description = "The classification")
    @APIResponse(
            responseCode = "400",
            description = "No body, malformed JSON, neither subject nor description, an unknown tier, or a NUL "
                    + "character in a text",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "413",
            description = "Body larger than ts.http.max-body-size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "415",
            description = "Body not sent as application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "429",
            description = "Too many previews from this principal (ts.rate-limit.classify.<role>); the Retry-After "
                    + "header says when to try again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ClassifyResponse classify(@NotNull(message = "a JSON body is required") @Valid ClassifyRequest request) {
        rateLimiter.check("classify", caller);
        if (isBlank(request.subject()) && isBlank(request.description())) {
            throw ProblemException.validation(List.of(
                    new Problem.FieldError("subject", "subject or description is required"),
                    new Problem.FieldError("description", "subject or description is required")));
        }
        return TriageMapper.toResponse(classifier.classify(
                request.subject(), request.description(), request.tierName(), ClassifierService.Source.API));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
