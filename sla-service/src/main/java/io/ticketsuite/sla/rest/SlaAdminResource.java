package io.ticketsuite.sla.rest;

import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.sla.config.SlaConfig;
import io.ticketsuite.sla.replay.SlaReplay;
import io.ticketsuite.sla.rest.dto.ReplayReport;
import io.ticketsuite.sla.rest.dto.ReplayRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Administration of the clocks: replaying the topics into a scratch schema and comparing with the live state. */
@RolesAllowed(Roles.ADMIN)
@Path("/api/v1/admin/sla")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sla-admin", description = "Checks that the live clocks are what the ticket's events make them")
public class SlaAdminResource {
    private final SlaReplay replay;
    private final SlaConfig config;

    public SlaAdminResource(SlaReplay replay, SlaConfig config) {
        this.replay = replay;
        this.config = config;
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "replaySla",
            summary = "Replay the topics and compare with the live clocks",
            description = "Rebuilds, in a scratch schema, the clocks of the tickets whose records reached the topics "
                    + "in [from, to], from their events, with the live domain code; reports each field that differs "
                    + "from the live state. Publishes nothing and changes no live row.")
    @APIResponse(responseCode = "200", description = "What was compared and every difference")
    @APIResponse(
            responseCode = "400",
            description = "from or to is missing, from is not before to, or the range is too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReplayReport replaySla(ReplayRequest request) {
        if (request == null) {
            throw ProblemException.validation(List.of(new Problem.FieldError("body", "must not be empty")));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.from() == null) {
            errors.add(new Problem.FieldError("from", "must not be null"));
        }
        if (request.to() == null) {
            errors.add(new Problem.FieldError("to", "must not be null"));
        }
        if (errors.isEmpty()) {
            Duration max = config.replay().maxRange();
            if (!request.from().isBefore(request.to())) {
                errors.add(new Problem.FieldError("to", "must be after from"));
            } else if (longer(request, max)) {
                errors.add(new Problem.FieldError("to", "must be at most " + max + " after from"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return replay.replay(request.from(), request.to(), Boolean.TRUE.equals(request.keepSchema()));
    }

    private static boolean longer(ReplayRequest request, Duration max) {
        try {
            return Duration.between(request.from(), request.to()).compareTo(max) > 0;
        } catch (ArithmeticException overflow) {
            return true;
        }
    }
}
