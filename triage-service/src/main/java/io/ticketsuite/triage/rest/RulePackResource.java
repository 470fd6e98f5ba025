package io.ticketsuite.triage.rest;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.security.Caller;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.triage.rest.dto.RulePackVersionsResponse;
import io.ticketsuite.triage.service.ClassifierService;
import io.ticketsuite.triage.service.RulePackService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The rule pack's lifecycle: which version is in force and which were before it (staff), and loading a new pack at
 * run time (admin). A new pack is validated first; it takes effect on every replica without a restart.
 */
@Path("/api/v1/triage/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "rules",
        description = "The triage rule pack in force: categories with their weighted terms, priority rules")
public class RulePackResource {
    public static final String YAML = "application/yaml";
    private static final int HISTORY = 50;

    private final RulePackService rulePacks;
    private final ClassifierService classifier;
    private final Caller caller;

    public RulePackResource(RulePackService rulePacks, ClassifierService classifier, Caller caller) {
        this.rulePacks = rulePacks;
        this.classifier = classifier;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.LEAD, Roles.ADMIN})
    @Operation(
            operationId = "getRulePackVersions",
            summary = "Show the rule pack version in force and the history",
            description = "The version in force, where it came from, and the last 50 packs loaded (newest first)."
                    + " The pack's content is at GET /api/v1/rules.")
    @APIResponse(responseCode = "200", description = "Version and history")
    public Uni<RulePackVersionsResponse> getRulePackVersions() {
        return rulePacks.history(HISTORY).map(this::versions);
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Consumes({YAML, "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @Operation(
            operationId = "loadRulePack",
            summary = "Load a new rule pack",
            description = "Validates the YAML pack (format: triage-classifier's README) and, when it is valid,"
                    + " stores it and puts it in force on every replica without a restart; decisions made from then"
                    + " on name its version. An invalid pack is refused with every reason and the pack in force"
                    + " stays.")
    @RequestBody(
            required = true,
            content = @Content(mediaType = YAML, schema = @Schema(type = SchemaType.STRING, description = "the pack")))
    @APIResponse(responseCode = "200", description = "The pack is in force; version and history")
    @APIResponse(
            responseCode = "400",
            description = "No body, or a NUL character in it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The version is the one in force, or was used before for another text",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Not a valid rule pack (`…/problems/invalid-rule-pack`); `reasons` lists every problem with"
                    + " the path of the offending key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RulePackVersionsResponse> loadRulePack(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw ProblemException.validation(List.of(new Problem.FieldError("body", "a YAML rule pack is required")));
        }
        if (yaml.indexOf('\u0000') >= 0) {
            throw ProblemException.validation(
                    List.of(new Problem.FieldError("body", "must not contain a NUL character")));
        }
        return rulePacks
                .upload(yaml, caller.id())
                .invoke(rulePacks::activate)
                .chain(() -> rulePacks.history(HISTORY))
                .map(this::versions);
    }

    private RulePackVersionsResponse versions(List<RulePackService.Stored> history) {
        ClassifierService.Active active = classifier.active();
        return new RulePackVersionsResponse(
                active.compiled().version(),
                active.summary().source(),
                history.stream()
                        .map(h -> new RulePackVersionsResponse.Loaded(h.seq(), h.version(), h.loadedBy(), h.loadedAt()))
                        .toList());
    }
}
