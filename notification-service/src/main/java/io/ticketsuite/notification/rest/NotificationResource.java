package io.ticketsuite.notification.rest;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.rest.Paging;
import io.ticketsuite.kit.security.Caller;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.notification.Inbox;
import io.ticketsuite.notification.mapping.NotificationMapper;
import io.ticketsuite.notification.rest.dto.NotificationResponse;
import io.ticketsuite.notification.rest.dto.PageResponse;
import io.ticketsuite.notification.service.NotificationService;
import jakarta.annotation.security.RolesAllowed;
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

/** The in-app inbox: what a customer or a member of staff has been told. Channel systems have no inbox. */
@RolesAllowed({Roles.CUSTOMER, Roles.AGENT, Roles.LEAD, Roles.ADMIN})
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications", description = "The in-app inbox: what a customer or a member of staff has been told")
public class NotificationResource {
    static final int DEFAULT_SIZE = 20;

    private final NotificationService notifications;
    private final Paging paging;
    private final Caller caller;

    public NotificationResource(NotificationService notifications, Paging paging, Caller caller) {
        this.notifications = notifications;
        this.paging = paging;
        this.caller = caller;
    }

    @GET
    @Operation(
            summary = "Read an inbox",
            description = "Newest first. Without `recipient`: the caller's own inbox (a customer's messages, "
                    + "addressed to the e-mail address or customer id of the token; a member of staff's, addressed "
                    + "to the token's subject). `recipient` names another inbox (a customer's e-mail address, "
                    + "case-insensitive, or a staff id): admins only; anyone else may name only their own.")
    @APIResponse(responseCode = "200", description = "One page of notifications")
    @APIResponse(
            responseCode = "400",
            description = "A blank recipient, or page/size not a number or out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "Another recipient's inbox without the admin role; a channel system (it has no inbox); a "
                    + "customer token without a customer id or e-mail",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PageResponse<NotificationResponse>> listNotifications(
            @QueryParam("recipient")
                    @Parameter(
                            description = "customer e-mail or staff id; default: the caller's own inbox. "
                                    + "Another recipient than the caller: admins only")
                    String recipient,
            @QueryParam("page") @Parameter(description = "0-based page, default 0 (at most 100000)") String page,
            @QueryParam("size") @Parameter(description = "1…200, default 20") String size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (recipient != null && recipient.isBlank()) {
            errors.add(new Problem.FieldError("recipient", "must not be blank (leave it out to read your own inbox)"));
        }
        Paging.Page paged = paging.parse(page, size, DEFAULT_SIZE, errors);
        int pageNumber = paged.number();
        int pageSize = paged.size();
        int offset = paged.offset();
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        Inbox inbox = notifications.inboxOf(caller, recipient);
        return notifications
                .inbox(inbox, offset, pageSize)
                .map(result -> new PageResponse<>(
                        result.items().stream()
                                .map(NotificationMapper::toResponse)
                                .toList(),
                        pageNumber,
                        pageSize,
                        result.total()));
    }
}
