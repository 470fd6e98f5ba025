package io.ticketsuite.notification.rest;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.notification.mapping.NotificationMapper;
import io.ticketsuite.notification.rest.dto.NotificationResponse;
import io.ticketsuite.notification.rest.dto.PageResponse;
import io.ticketsuite.notification.service.NotificationService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The in-app inbox: what a customer or a member of staff has been told. */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class NotificationResource {
    static final int MAX_SIZE = 200;

    private final NotificationService notifications;

    public NotificationResource(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GET
    @Operation(
            summary = "A recipient's inbox",
            description =
                    "Newest first. The recipient is a customer's e-mail " + "address (case-insensitive) or a staff id.")
    @APIResponse(responseCode = "200", description = "One page of notifications")
    @APIResponse(
            responseCode = "400",
            description = "No recipient, or page/size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PageResponse<NotificationResponse>> list(
            @QueryParam("recipient") @Parameter(description = "customer e-mail or staff id", required = true)
                    String recipient,
            @QueryParam("page") @Parameter(description = "0-based page, default 0") String page,
            @QueryParam("size") @Parameter(description = "1…200, default 20") String size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (recipient == null || recipient.isBlank()) {
            errors.add(new Problem.FieldError("recipient", "is required (a customer e-mail address or a staff id)"));
        }
        int pageNumber = parse(page, "page", 0, 0, Integer.MAX_VALUE, errors);
        int pageSize = parse(size, "size", 20, 1, MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return notifications
                .inbox(recipient, pageNumber, pageSize)
                .map(result -> new PageResponse<>(
                        result.items().stream()
                                .map(NotificationMapper::toResponse)
                                .toList(),
                        pageNumber,
                        pageSize,
                        result.total()));
    }

    private static int parse(
            String value, String field, int fallback, int min, int max, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                errors.add(new Problem.FieldError(field, "must be between " + min + " and " + max));
            }
            return parsed;
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError(field, "must be an integer"));
            return fallback;
        }
    }
}
