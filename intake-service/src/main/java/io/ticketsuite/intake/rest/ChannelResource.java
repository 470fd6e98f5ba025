package io.ticketsuite.intake.rest;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.intake.alert.AlertPayloads;
import io.ticketsuite.intake.mail.EmailParser;
import io.ticketsuite.intake.mail.InboundEmail;
import io.ticketsuite.intake.mail.UnparseableEmailException;
import io.ticketsuite.intake.rest.dto.AlertIntakeResponse;
import io.ticketsuite.intake.rest.dto.EmailIntakeResponse;
import io.ticketsuite.intake.service.AlertIntakeService;
import io.ticketsuite.intake.service.EmailIntakeService;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where channel systems deliver what arrived elsewhere: raw inbound emails (and monitoring alerts). */
@Path("/api/v1/channels")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "channels", description = "Inbound channels for channel systems: email gateways and monitoring")
public class ChannelResource {
    /** The RFC 5322 message media type (RFC 2046 §5.2.1). */
    public static final String RFC822 = "message/rfc822";

    static final String UNPARSEABLE = "https://ticketsuite.io/problems/unparseable-email";

    private final EmailIntakeService emails;
    private final AlertIntakeService alerts;

    public ChannelResource(EmailIntakeService emails, AlertIntakeService alerts) {
        this.emails = emails;
        this.alerts = alerts;
    }

    @POST
    @Path("/alertmanager")
    @RolesAllowed(Roles.CHANNEL)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "receiveAlertmanagerAlerts",
            summary = "Take in a Prometheus Alertmanager notification",
            description = "The Alertmanager webhook payload (version 4). Each firing alert opens one MONITORING ticket"
                    + " for the configured internal customer, deduplicated by fingerprint while that ticket is open: a"
                    + " grouped re-send changes nothing, a new firing adds one comment with the count; `resolved`"
                    + " comments and (by default) resolves the ticket.")
    @RequestBody(
            required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(
            responseCode = "200",
            description = "What each alert became",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AlertIntakeResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "A malformed payload; the errors name the fields (`alerts[0].status`, …)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AlertIntakeResponse> receiveAlertmanager(String body) {
        return alerts("alertmanager", body, true);
    }

    @POST
    @Path("/grafana")
    @RolesAllowed(Roles.CHANNEL)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "receiveGrafanaAlerts",
            summary = "Take in a Grafana alerting notification",
            description = "The Grafana alerting webhook payload (`alerts[]` with status, labels, annotations,"
                    + " fingerprint, startsAt, endsAt); handled like an Alertmanager notification.")
    @RequestBody(
            required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(
            responseCode = "200",
            description = "What each alert became",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AlertIntakeResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "A malformed payload; the errors name the fields (`alerts[0].status`, …)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AlertIntakeResponse> receiveGrafana(String body) {
        return alerts("grafana", body, false);
    }

    private Uni<AlertIntakeResponse> alerts(String source, String body, boolean alertmanager) {
        AlertPayloads.Parsed parsed = AlertPayloads.parse(body, alertmanager);
        if (!parsed.errors().isEmpty()) {
            throw ProblemException.validation(parsed.errors());
        }
        return alerts.receive(source, parsed.alerts())
                .map(results -> new AlertIntakeResponse(results.stream()
                        .map(r -> new AlertIntakeResponse.Item(
                                r.fingerprint(), r.outcome().name(), r.ticketId(), r.ref()))
                        .toList()));
    }

    @POST
    @Path("/email")
    @RolesAllowed(Roles.CHANNEL)
    @Consumes(RFC822)
    @Operation(
            operationId = "receiveEmail",
            summary = "Take in a raw email",
            description = "The raw message (`Content-Type: message/rfc822`), as inbound-mail webhooks deliver it. A"
                    + " reply naming one of the suite's Message-IDs (In-Reply-To/References) or carrying `[TS-n]` in"
                    + " its subject, from that ticket's customer, becomes their public comment (quoted history"
                    + " stripped; it reopens a resolved ticket within the reopen window); any other message a new"
                    + " EMAIL ticket for the sender (a known address is that customer, else a new FREE customer)."
                    + " The same Message-ID twice makes one ticket. Automatic messages (Auto-Submitted, Precedence"
                    + " bulk/junk/list, X-Autoreply, mailer-daemon, delivery reports) make nothing (202).")
    @RequestBody(
            required = true,
            content = @Content(mediaType = RFC822, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(
            responseCode = "201",
            description = "A new ticket; Location names it",
            headers =
                    @Header(
                            name = "Location",
                            description = "The new ticket",
                            schema = @Schema(type = SchemaType.STRING)),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = EmailIntakeResponse.class)))
    @APIResponse(
            responseCode = "200",
            description = "A reply became a comment (THREADED), or the message was taken in before (DUPLICATE)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = EmailIntakeResponse.class)))
    @APIResponse(
            responseCode = "202",
            description = "An automatic message (auto-reply, bounce, list mail): nothing made",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = EmailIntakeResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "No body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Not a readable email (`unparseable-email`): no sender, broken MIME structure",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> receiveEmail(byte[] raw, @jakarta.ws.rs.core.Context UriInfo uri) {
        if (raw == null || raw.length == 0) {
            throw ProblemException.validation(
                    List.of(new Problem.FieldError("body", "is required: the raw RFC 5322 message")));
        }
        InboundEmail email;
        try {
            email = EmailParser.parse(raw);
        } catch (UnparseableEmailException e) {
            emails.rejected();
            throw new ProblemException(422, UNPARSEABLE, "Unparseable email", e.getMessage());
        }
        return emails.receive(email).map(result -> {
            EmailIntakeResponse body = new EmailIntakeResponse(
                    result.outcome().name(), result.ticketId(), result.ref(), result.commentId(), result.reason());
            return switch (result.outcome()) {
                case CREATED ->
                    Response.created(uri.getBaseUriBuilder()
                                    .path("api/v1/tickets")
                                    .path(result.ticketId().toString())
                                    .build())
                            .entity(body)
                            .build();
                case AUTO_REPLY -> Response.accepted(body).build();
                default -> Response.ok(body).build();
            };
        });
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
