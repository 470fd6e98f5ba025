package io.ticketsuite.triage.rest;

import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.triage.rest.dto.RulePackResponse;
import io.ticketsuite.triage.service.ClassifierService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The active rule pack, for staff who want to know why tickets land where they do. Read only: the pack is
 * configuration ({@code triage.rule-pack}), changed by deploying a file, not through the API.
 */
@RolesAllowed({Roles.AGENT, Roles.LEAD, Roles.ADMIN})
@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "rules",
        description = "The triage rule pack in force: categories with their weighted terms, priority rules")
public class RuleResource {
    private final ClassifierService classifier;

    public RuleResource(ClassifierService classifier) {
        this.classifier = classifier;
    }

    @GET
    @Operation(
            summary = "Show the active rule pack",
            description = "Version and source of the pack, scoring settings, every category with its weighted"
                    + " terms and phrases (heaviest first), and the priority rules (matrix, tier steps, signals).")
    public RulePackResponse getRulePack() {
        return classifier.summary();
    }
}
