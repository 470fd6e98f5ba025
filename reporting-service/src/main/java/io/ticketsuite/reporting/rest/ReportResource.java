package io.ticketsuite.reporting.rest;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.reporting.ReportSummary;
import io.ticketsuite.reporting.ReportWindow;
import io.ticketsuite.reporting.config.ReportingConfig;
import io.ticketsuite.reporting.kpi.PeriodAssembler.Granularity;
import io.ticketsuite.reporting.kpi.PeriodReport;
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
import org.jboss.resteasy.reactive.ResponseHeader;

/** KPIs over the read model, as JSON and CSV: leads and admins only. */
@RolesAllowed({Roles.LEAD, Roles.ADMIN})
@Path("/api/v1/reports")
@Tag(
        name = "reports",
        description = "KPIs of the support operation over whole UTC days of ticket creation; leads and admins")
public class ReportResource {
    static final String CSV = "text/csv;charset=UTF-8";

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
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "KPIs of the tickets created in a window",
            description = "Volumes by status, type, category, priority, channel, tier and team; time to triage, to "
                    + "assign, to the first response and to resolution (mean, p50, p95 in seconds, overall and per "
                    + "priority); SLA compliance per clock and priority; FCR, reopen and escalation rates; CSAT by "
                    + "team and agent; time logged; top issues; the open backlog now; the six contract KPIs with "
                    + "their targets. The window covers whole UTC days: from rounded down, to rounded up; default "
                    + "the last 30 days.")
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
        return reporting.summary(window(from, to));
    }

    @GET
    @Path("/periods")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "KPIs per day, week or month, with the change against the previous period",
            description = "One row per period (UTC days, ISO weeks from Monday, calendar months) of ticket creation "
                    + "covering the window; each row has its values and their change against the period before it.")
    @APIResponse(responseCode = "200", description = "The periods")
    @APIResponse(
            responseCode = "400",
            description = "A bad bound or granularity, or more than 1000 periods",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PeriodReport> getReportPeriods(
            @QueryParam("granularity") @Parameter(description = "day (default), week or month") String granularity,
            @QueryParam("from") @Parameter(description = "ISO instant or date; default to − 30 days") String from,
            @QueryParam("to") @Parameter(description = "ISO instant or date (the whole day counts); default now")
                    String to) {
        Granularity g = Granularity.parse(granularity);
        return reporting.periods(window(from, to), g);
    }

    @GET
    @Path("/tickets.csv")
    @Produces(CSV)
    @ResponseHeader(name = "Content-Disposition", value = "attachment; filename=\"tickets.csv\"")
    @Operation(
            summary = "The tickets created in a window, one CSV row each",
            description = "Streamed, UTF-8 with a byte-order mark, RFC 4180 quoting, oldest first. The window is "
                    + "[from, to) exactly as given (ISO instants or dates); default the last 30 days.")
    @APIResponse(
            responseCode = "200",
            description = "The CSV",
            content =
                    @Content(
                            mediaType = CSV,
                            schema =
                                    @Schema(
                                            type =
                                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                                            .STRING)))
    @APIResponse(
            responseCode = "400",
            description = "A bound is not an ISO instant or date, or from is after to",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<String> getTicketsCsv(
            @QueryParam("from") @Parameter(description = "ISO instant or date; default to − 30 days") String from,
            @QueryParam("to") @Parameter(description = "ISO instant or date (the whole day counts); default now")
                    String to) {
        ReportWindow window = window(from, to);
        Multi<String> header = Multi.createFrom().item(CsvLines.BOM + CsvLines.line(CsvLines.TICKET_HEADER));
        return Multi.createBy()
                .concatenating()
                .streams(header, reporting.tickets(window).map(CsvLines::ticket));
    }

    @GET
    @Path("/periods.csv")
    @Produces(CSV)
    @ResponseHeader(name = "Content-Disposition", value = "attachment; filename=\"periods.csv\"")
    @Operation(
            summary = "The periods report as CSV",
            description = "The rows of /periods: the values, then each value's change against the previous period.")
    @APIResponse(
            responseCode = "200",
            description = "The CSV",
            content =
                    @Content(
                            mediaType = CSV,
                            schema =
                                    @Schema(
                                            type =
                                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                                            .STRING)))
    @APIResponse(
            responseCode = "400",
            description = "A bad bound or granularity",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<String> getPeriodsCsv(
            @QueryParam("granularity") @Parameter(description = "day (default), week or month") String granularity,
            @QueryParam("from") @Parameter(description = "ISO instant or date; default to − 30 days") String from,
            @QueryParam("to") @Parameter(description = "ISO instant or date (the whole day counts); default now")
                    String to) {
        Granularity g = Granularity.parse(granularity);
        return reporting.periods(window(from, to), g).onItem().transformToMulti(report -> {
            Multi<String> header =
                    Multi.createFrom().item(CsvLines.BOM + CsvLines.line(CsvLines.periodHeader(report.metrics())));
            Multi<String> rows =
                    Multi.createFrom().iterable(report.periods()).map(row -> CsvLines.period(row, report.metrics()));
            return Multi.createBy().concatenating().streams(header, rows);
        });
    }

    private ReportWindow window(String from, String to) {
        return ReportWindow.parse(from, to, clock.instant(), config.defaultWindow());
    }
}
