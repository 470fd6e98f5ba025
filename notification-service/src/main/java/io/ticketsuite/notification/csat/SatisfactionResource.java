package io.ticketsuite.notification.csat;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.security.Caller;
import io.ticketsuite.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The customer's satisfaction answer after a resolution (CSAT). */
@Path("/api/v1/tickets/{id}/satisfaction")
@Tag(name = "satisfaction", description = "The customer rates the support once per resolution")
public class SatisfactionResource {
    /** The longest comment kept. */
    static final int MAX_COMMENT = 2000;

    private final CsatService csat;
    private final Caller caller;

    public SatisfactionResource(CsatService csat, Caller caller) {
        this.csat = csat;
        this.caller = caller;
    }

    /** What the customer answers. */
    public record SatisfactionRequest(
            @Schema(description = "1 (very dissatisfied) to 5 (very satisfied)", minimum = "1", maximum = "5")
            Integer score,

            @Schema(description = "optional free text", maxLength = MAX_COMMENT)
            String comment) {}

    /** The answer as recorded and published (csat.submitted). */
    public record SatisfactionResponse(UUID ticketId, int score, String comment, Instant submittedAt) {}

    @POST
    @RolesAllowed(Roles.CUSTOMER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(
            summary = "Rate the support of a resolved ticket",
            description = "By the ticket's customer only (the token's customer id or e-mail), once per resolution: "
                    + "a second answer to the same resolution is a 409; after a reopen and a new resolution the "
                    + "customer may answer again. Published as csat.submitted on notification-events.")
    @APIResponse(responseCode = "201", description = "Recorded and published")
    @APIResponse(
            responseCode = "400",
            description = "score missing or not 1..5, comment too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such ticket of this customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Not resolved yet, or this resolution was rated already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SatisfactionResponse> submitSatisfaction(@PathParam("id") String id, SatisfactionRequest body) {
        UUID ticketId = ProblemException.idOrNotFound("ticket", id);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body == null || body.score() == null) {
            errors.add(new Problem.FieldError("score", "is required (1..5)"));
        } else if (body.score() < 1 || body.score() > 5) {
            errors.add(new Problem.FieldError("score", "must be between 1 and 5"));
        }
        String comment =
                body == null || body.comment() == null || body.comment().isBlank()
                        ? null
                        : body.comment().strip();
        if (comment != null && comment.length() > MAX_COMMENT) {
            errors.add(new Problem.FieldError("comment", "must be at most " + MAX_COMMENT + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return csat.submit(ticketId, body.score(), comment, caller)
                .map(e -> new SatisfactionResponse(e.ticketId(), e.score(), e.comment(), e.submittedAt()));
    }
}
