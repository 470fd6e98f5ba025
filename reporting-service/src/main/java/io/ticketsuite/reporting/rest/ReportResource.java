package io.ticketsuite.reporting.rest;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.reporting.ReportSummary;
import io.ticketsuite.reporting.ReportWindow;
import io.ticketsuite.reporting.config.ReportingConfig;
import io.ticketsuite.reporting.service.ReportingService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** KPIs over the read model: staff only (agents, leads, admins). */
@RolesAllowed({Roles.AGENT, Roles.LEAD, Roles.ADMIN})
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reports", description = "KPIs of the support operation over a window of ticket creation; staff only")
public class ReportResource {
    private final ReportingService reporting;
    private final ReportingConfig config;
    private final Clock clock;

    public ReportResource(ReportingService reporting, ReportingConfig config, Clock clock) {
        this.reporting = reporting;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Path("/summary")
    @Operation(
            summary = "KPIs of the tickets created in a window",
            description = "Volumes by status, type, category, priority, channel and tier; time to triage, to assign, "
                    + "to the first response and to resolution (mean, p50, p95 in seconds, nearest rank); SLA "
                    + "warnings, breaches and compliance; open backlog by team; CSAT. Window [from, to); default: the "
                    + "last 30 days.")
    @APIResponse(responseCode = "200", description = "The summary")
    @APIResponse(
            responseCode = "400",
            description = "A bound is not an ISO instant or date, or from is after to",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReportSummary> getReportSummary(
            @QueryParam("from") @Parameter(description = "ISO instant or date (UTC midnight); default to − 30 days")
                    String from,
            @QueryParam("to") @Parameter(description = "ISO instant, or date (the whole day counts); default now")
                    String to) {
        ReportWindow window = ReportWindow.parse(from, to, clock.instant(), config.defaultWindow());
        return reporting.summary(window);
    }
}
