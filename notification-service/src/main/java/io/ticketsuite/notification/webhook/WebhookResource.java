package io.ticketsuite.notification.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.rest.Paging;
import io.ticketsuite.kit.security.Caller;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.notification.rest.dto.PageResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Outbound webhook subscriptions (admins): signed CloudEvents POSTed to a URL, and each one's delivery log. */
@Path("/api/v1/webhooks")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks", description = "Signed CloudEvents pushed to other systems (Standard Webhooks)")
public class WebhookResource {
    static final int DEFAULT_SIZE = 20;
    private static final Set<String> STATUSES = Set.of("PENDING", "RETRYING", "DELIVERED", "FAILED");

    private final WebhookSubscriptionService subscriptions;
    private final Paging paging;
    private final Caller caller;

    public WebhookResource(WebhookSubscriptionService subscriptions, Paging paging, Caller caller) {
        this.subscriptions = subscriptions;
        this.paging = paging;
        this.caller = caller;
    }

    /** A new subscription. */
    public record WebhookRequest(
            @Schema(
                    description = "absolute http(s) URL the events are POSTed to",
                    maxLength = SubscriptionRules.MAX_URL)
            String url,

            @Schema(description = "CloudEvents types to send (e.g. ticket.created, sla.breached), or [\"*\"] for all")
            List<String> eventTypes,

            @Schema(description = "optional note", maxLength = SubscriptionRules.MAX_DESCRIPTION)
            String description) {}

    /** A subscription; {@code secret} only in the answer to its creation. */
    public record WebhookResponse(
            UUID id,
            String url,
            List<String> eventTypes,
            String description,

            @Schema(description = "ACTIVE, or DISABLED after repeated failures (POST …/enable to resume)")
            String state,

            @Schema(description = "deliveries that failed for good since the last success")
            int consecutiveFailures,

            Instant disabledAt,
            String disabledReason,
            Instant lastSuccessAt,
            String createdBy,
            Instant createdAt,

            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "the signing secret (whsec_…): returned once, when the subscription is created")
            String secret) {

        static WebhookResponse of(WebhookSubscription s, boolean withSecret) {
            return new WebhookResponse(
                    s.id,
                    s.url,
                    s.eventTypeList(),
                    s.description,
                    s.state,
                    s.consecutiveFailures,
                    s.disabledAt,
                    s.disabledReason,
                    s.lastSuccessAt,
                    s.createdBy,
                    s.createdAt,
                    withSecret ? s.secret : null);
        }
    }

    /** One delivery of one event to one subscription. */
    public record DeliveryResponse(
            @Schema(description = "the webhook-id header (the same on every attempt)")
            UUID id,

            UUID eventId,
            String eventType,
            UUID ticketId,

            @Schema(description = "PENDING, RETRYING, DELIVERED or FAILED (gave up)")
            String status,

            int attempts,
            Integer lastStatusCode,
            String lastError,
            Instant createdAt,
            Instant lastAttemptAt,
            Instant nextAttemptAt,
            Instant deliveredAt) {

        static DeliveryResponse of(WebhookDelivery d) {
            return new DeliveryResponse(
                    d.id,
                    d.eventId,
                    d.eventType,
                    d.ticketId,
                    d.status,
                    d.attempts,
                    d.lastStatusCode,
                    d.lastError,
                    d.createdAt,
                    d.lastAttemptAt,
                    d.nextAttemptAt,
                    d.deliveredAt);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(
            summary = "Subscribe a URL to events",
            description = "Every matching event is POSTed as a CloudEvents JSON document (structured mode), signed "
                    + "per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature v1). The answer "
                    + "carries the generated secret; it is never shown again.")
    @APIResponse(responseCode = "201", description = "Created; the answer carries the secret")
    @APIResponse(
            responseCode = "400",
            description = "url missing or not an absolute http(s) URL, unknown event types",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<WebhookResponse> createWebhook(WebhookRequest body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String url =
                SubscriptionRules.url(body == null ? null : body.url(), errors).orElse(null);
        List<String> types = SubscriptionRules.eventTypes(body == null ? null : body.eventTypes(), errors)
                .orElse(null);
        String description = SubscriptionRules.description(body == null ? null : body.description(), errors)
                .orElse(null);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return subscriptions.create(url, types, description, caller.id()).map(s -> WebhookResponse.of(s, true));
    }

    @GET
    @Operation(summary = "List subscriptions", description = "Oldest first; secrets are never shown.")
    @APIResponse(responseCode = "200", description = "One page of subscriptions")
    @APIResponse(
            responseCode = "400",
            description = "page/size not a number or out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PageResponse<WebhookResponse>> listWebhooks(
            @QueryParam("page") @Parameter(description = "0-based page, default 0") String page,
            @QueryParam("size") @Parameter(description = "1…200, default 20") String size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Paging.Page paged = paging.parse(page, size, DEFAULT_SIZE, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return subscriptions
                .list(paged.number(), paged.size())
                .map(p -> new PageResponse<>(
                        p.items().stream()
                                .map(s -> WebhookResponse.of(s, false))
                                .toList(),
                        p.page(),
                        p.size(),
                        p.total()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a subscription", description = "Its state and failures; never its secret.")
    @APIResponse(responseCode = "200", description = "The subscription")
    @APIResponse(
            responseCode = "404",
            description = "No such subscription",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<WebhookResponse> getWebhook(@PathParam("id") String id) {
        return subscriptions.get(ProblemException.idOrNotFound("webhook", id)).map(s -> WebhookResponse.of(s, false));
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a subscription", description = "With its delivery log; queued deliveries are dropped.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(
            responseCode = "404",
            description = "No such subscription",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> deleteWebhook(@PathParam("id") String id) {
        return subscriptions.delete(ProblemException.idOrNotFound("webhook", id));
    }

    @POST
    @Path("/{id}/enable")
    @Operation(
            summary = "Re-enable a subscription",
            description = "A disabled subscription becomes active again, its failures forgotten; its queued "
                    + "deliveries are sent again.")
    @APIResponse(responseCode = "200", description = "The subscription, active")
    @APIResponse(
            responseCode = "404",
            description = "No such subscription",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<WebhookResponse> enableWebhook(@PathParam("id") String id) {
        return subscriptions
                .enable(ProblemException.idOrNotFound("webhook", id))
                .map(s -> WebhookResponse.of(s, false));
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(
            summary = "A subscription's delivery log",
            description =
                    "Newest first: each event queued for it, its status, attempts, last response code and " + "times.")
    @APIResponse(responseCode = "200", description = "One page of deliveries")
    @APIResponse(
            responseCode = "400",
            description = "page/size not a number or out of range, unknown status",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such subscription",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PageResponse<DeliveryResponse>> listWebhookDeliveries(
            @PathParam("id") String id,
            @QueryParam("status") @Parameter(description = "PENDING, RETRYING, DELIVERED or FAILED") String status,
            @QueryParam("page") @Parameter(description = "0-based page, default 0") String page,
            @QueryParam("size") @Parameter(description = "1…200, default 20") String size) {
        UUID subscription = ProblemException.idOrNotFound("webhook", id);
        List<Problem.FieldError> errors = new ArrayList<>();
        Paging.Page paged = paging.parse(page, size, DEFAULT_SIZE, errors);
        String wanted =
                status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            errors.add(new Problem.FieldError("status", "must be one of PENDING, RETRYING, DELIVERED, FAILED"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return subscriptions
                .deliveries(subscription, wanted, paged.number(), paged.size())
                .map(p -> new PageResponse<>(
                        p.items().stream().map(DeliveryResponse::of).toList(), p.page(), p.size(), p.total()));
    }
}
