package io.ticketsuite.triage.rest;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.triage.rest.dto.RulePackResponse;
import io.ticketsuite.triage.service.ClassifierService;
import io.ticketsuite.triage.service.RulePackService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The active rule pack, for staff who want to know why tickets land where they do. Admins load a new pack with
 * {@code PUT /api/v1/triage/rules} ({@link RulePackResource}).
 */
@RolesAllowed({Roles.AGENT, Roles.LEAD, Roles.ADMIN})
@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "rules",
        description = "The triage rule pack in force: categories with their weighted terms, priority rules")
public class RuleResource {
    private final ClassifierService classifier;
    private final RulePackService rulePacks;

    public RuleResource(ClassifierService classifier, RulePackService rulePacks) {
        this.classifier = classifier;
        this.rulePacks = rulePacks;
    }

    @GET
    @Operation(
            summary = "Show the active rule pack",
            description = "Version and source of the pack, scoring settings, every category with its weighted"
                    + " terms and phrases (heaviest first), and the priority rules (matrix, tier steps, signals).")
    public Uni<RulePackResponse> getRulePack() {
        return rulePacks.refreshNow().map(ignored -> classifier.summary());
    }
}
