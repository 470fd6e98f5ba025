package io.ticketsuite.intake.rest;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.intake.mapping.TicketMapper;
import io.ticketsuite.intake.repository.TicketRepository;
import io.ticketsuite.intake.rest.dto.CommentRequest;
import io.ticketsuite.intake.rest.dto.CommentResponse;
import io.ticketsuite.intake.rest.dto.CreateTicketRequest;
import io.ticketsuite.intake.rest.dto.EscalateRequest;
import io.ticketsuite.intake.rest.dto.EscalationRequested;
import io.ticketsuite.intake.rest.dto.EscalationResponse;
import io.ticketsuite.intake.rest.dto.PageResponse;
import io.ticketsuite.intake.rest.dto.StatusChangeRequest;
import io.ticketsuite.intake.rest.dto.TicketResponse;
import io.ticketsuite.intake.rest.dto.TimeEntryRequest;
import io.ticketsuite.intake.rest.dto.TimeEntryResponse;
import io.ticketsuite.intake.security.Actor;
import io.ticketsuite.intake.service.EscalationLog;
import io.ticketsuite.intake.service.TicketService;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.rest.Paging;
import io.ticketsuite.kit.security.Caller;
import io.ticketsuite.kit.security.RateLimiter;
import io.ticketsuite.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The tickets API channels, customers and staff use. Who calls comes from the bearer token ({@link Caller}); what a
 * customer may see and do is decided by {@link TicketService} with an {@link Actor}.
 */
@Path("/api/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "tickets",
        description = "Tickets and their comments. Customers see and change only their own tickets (never an"
                + " ESCALATION: those answer 404 like an unknown id); channel systems create tickets for any customer;"
                + " staff see and change everything.")
public class TicketResource {

    private final TicketService tickets;
    private final Caller caller;
    private final RateLimiter rateLimiter;
    private final Paging paging;
    private final Validator validator;
    private final EscalationLog escalationLog;

    public TicketResource(
            TicketService tickets,
            Caller caller,
            RateLimiter rateLimiter,
            Paging paging,
            Validator validator,
            EscalationLog escalationLog) {
        this.tickets = tickets;
        this.escalationLog = escalationLog;
        this.caller = caller;
        this.rateLimiter = rateLimiter;
        this.paging = paging;
        this.validator = validator;
    }

    @POST
    @RolesAllowed({Roles.CUSTOMER, Roles.CHANNEL, Roles.AGENT, Roles.LEAD, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createTicket",
            summary = "Create a ticket",
            description = "A customer creates tickets only for themselves: the customer id and email come from the"
                    + " token (any `customer.id`/`email`/`tier` in the body is overridden), the tier from the token's"
                    + " `tier` claim (FREE without one); `customer.language` is taken from the body. A channel"
                    + " system creates tickets for the customer named in the body. Neither may create an ESCALATION"
                    + " (403). Staff create any ticket; an ESCALATION only through channel API or PHONE. A retry"
                    + " with the same Idempotency-Key and body returns the same ticket; the same key with another"
                    + " body is refused with 422. Rate-limited per caller (429).")
    @APIResponse(
            responseCode = "201",
            description = "Created; Location names the ticket",
            headers = {
                @Header(name = "Location", description = "The new ticket", schema = @Schema(type = SchemaType.STRING)),
                @Header(
                        name = "Idempotent-Replayed",
                        description = "true when a retry replayed an earlier ticket",
                        schema = @Schema(type = SchemaType.STRING))
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TicketResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid fields or malformed JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "The role may not create tickets, a customer's token has no customer id claim, or a"
                    + " customer or channel asked for an ESCALATION",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The Idempotency-Key expired while the request ran; retry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Idempotency-Key reused with a different body (`idempotency-key-reused`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "429",
            description = "Too many tickets from this caller; retry after `Retry-After` seconds",
            headers =
                    @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> createTicket(
            @NotNull(message = "a JSON body is required") CreateTicketRequest request,
            @HeaderParam("Idempotency-Key")
                    @Size(min = 1, max = 200)
                    @Parameter(
                            in = ParameterIn.HEADER,
                            description = "Makes retries safe: the same key and body give the same ticket")
                    String idempotencyKey,
            @jakarta.ws.rs.core.Context UriInfo uri) {
        rateLimiter.check("create-ticket", caller);
        Actor actor = Actor.creator(caller);
        if (!actor.isStaff() && request.type() == TicketType.ESCALATION) {
            throw ProblemException.forbidden("ESCALATION tickets are created by staff only");
        }
        CreateTicketRequest effective = actor.isCustomer() ? forCustomer(request, actor) : request;
        Set<ConstraintViolation<CreateTicketRequest>> violations = validator.validate(effective);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        List<Problem.FieldError> errors = new ArrayList<>(TypeFields.errors(effective));
        if (effective.type() == TicketType.ESCALATION
                && !effective.channel().name().matches("API|PHONE")) {
            errors.add(new Problem.FieldError(
                    "type", "ESCALATION tickets are internal: create them through channel API or PHONE"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return tickets.create(effective, idempotencyKey)
                .map(created -> Response.created(uri.getBaseUriBuilder()
                                .path("api/v1/tickets")
                                .path(created.ticket().id.toString())
                                .build())
                        .header("Idempotent-Replayed", created.replayed() ? "true" : null)
                        .entity(TicketMapper.toResponse(created.ticket()))
                        .build());
    }

    /**
     * A customer's request with the customer taken from the token: id and email from its claims, the tier from its
     * {@code tier} claim (FREE without a known one); only the language and the time zone come from the body.
     */
    private CreateTicketRequest forCustomer(CreateTicketRequest request, Actor actor) {
        String language = request.customer() == null ? null : request.customer().language();
        String timeZone = request.customer() == null ? null : request.customer().timeZone();
        CreateTicketRequest.Customer customer = new CreateTicketRequest.Customer(
                actor.customerId(), caller.email().orElse(null), tierOf(caller), language, timeZone);
        return request.withCustomer(customer);
    }

    private static CustomerTier tierOf(Caller caller) {
        return caller.claim("tier")
                .map(tier -> tier.trim().toUpperCase(Locale.ROOT))
                .filter(tier -> Arrays.stream(CustomerTier.values())
                        .anyMatch(t -> t.name().equals(tier)))
                .map(CustomerTier::valueOf)
                .orElse(CustomerTier.FREE);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CUSTOMER, Roles.AGENT, Roles.LEAD, Roles.ADMIN})
    @Operation(
            operationId = "getTicket",
            summary = "Read a ticket",
            description = "Staff read every ticket; a customer only their own, and never an ESCALATION.")
    @APIResponse(responseCode = "200", description = "The ticket")
    @APIResponse(
            responseCode = "404",
            description = "No such ticket, not a ticket id, or (for a customer) not one of theirs",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TicketResponse> getTicket(@PathParam("id") String id) {
        Actor actor = Actor.reader(caller);
        return tickets.view(ProblemException.idOrNotFound("ticket", id), actor);
    }

    @GET
    @RolesAllowed({Roles.CUSTOMER, Roles.AGENT, Roles.LEAD, Roles.ADMIN})
    @Operation(
            operationId = "listTickets",
            summary = "List tickets",
            description = "Newest first; filters combine with AND. With `q`, full-text search over subject and"
                    + " description (web-search syntax: words, \"a phrase\", or, -word; English stemming), most"
                    + " relevant first (subject matches weigh more), then newest. `ref` finds the ticket with that"
                    + " human reference (TS-1042). A customer's list holds only their own tickets"
                    + " and no ESCALATION: asking for another customer or for `type=ESCALATION` gives an empty page.")
    @APIResponse(responseCode = "200", description = "One page of tickets")
    public Uni<PageResponse<TicketResponse>> listTickets(
            @QueryParam("status") @Parameter(description = "e.g. NEW, ASSIGNED") String status,
            @QueryParam("customer") @Parameter(description = "customer id") String customer,
            @QueryParam("type") @Parameter(description = "SUPPORT, QUESTION or ESCALATION") String type,
            @QueryParam("category") @Parameter(description = "e.g. billing") String category,
            @QueryParam("priority") @Parameter(description = "P1 … P4") String priority,
            @QueryParam("ref")
                    @Size(max = 30)
                    @Parameter(description = "the human reference, e.g. TS-1042 (read in any case)")
                    String ref,
            @QueryParam("q")
                    @Size(max = 500)
                    @Parameter(description = "words to find in subject and description (full-text, ≤ 500 characters)")
                    String q,
            @QueryParam("page")
                    @DefaultValue("0")
                    @Parameter(description = "0 … 100000", schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
                    String pageParam,
            @QueryParam("size")
                    @DefaultValue("20")
                    @Parameter(
                            description = "1 … 200",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
                    String sizeParam) {
        Actor actor = Actor.reader(caller);
        int page = integer("page", pageParam);
        int size = integer("size", sizeParam);
        int offset = paging.offset(page, size);
        TicketRepository.Filter filter = new TicketRepository.Filter(
                parse(TicketStatus.class, "status", status),
                customer,
                parse(TicketType.class, "type", type),
                category == null ? null : category.toLowerCase(Locale.ROOT),
                parse(Priority.class, "priority", priority),
                null,
                q == null || q.isBlank() ? null : q.strip(),
                ref(ref));
        return tickets.listView(filter, actor, page, offset, size);
    }

    private static final java.util.regex.Pattern REF = java.util.regex.Pattern.compile("TS-[0-9]{1,18}");

    /** {@code ref} as stored (upper case, trimmed); a 400 naming {@code ref} when it is not {@code TS-<number>}. */
    private static String ref(String ref) {
        if (ref == null || ref.isBlank()) {
            return null;
        }
        String normalized = ref.strip().toUpperCase(Locale.ROOT);
        if (!REF.matcher(normalized).matches()) {
            throw ProblemException.validation(
                    List.of(new Problem.FieldError("ref", "must be a ticket reference such as TS-1042")));
        }
        return normalized;
    }

    @POST
    @Path("/{id}/status")
    @RolesAllowed({Roles.CUSTOMER, Roles.AGENT, Roles.LEAD, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "changeTicketStatus",
            summary = "Change the status",
            description = "Enforces the lifecycle of the ticket's type. Staff make any legal transition; a customer"
                    + " may only reopen or close (confirm) their own RESOLVED ticket, or reopen their CLOSED one."
                    + " RESOLVED needs `resolution` {category, summary} (an ESCALATION also `lessons_learned`);"
                    + " SCHEDULED (SUPPORT) needs `scheduled_for` and `estimate_minutes`. Reopening after the reopen"
                    + " window opens a follow-up ticket instead (201). The change is recorded as by the caller"
                    + " (`changed_by`, `changed_by_role` on ticket.status-changed).")
    @APIResponse(responseCode = "200", description = "The ticket in its new status")
    @APIResponse(
            responseCode = "201",
            description = "Reopen asked after the reopen window: the new follow-up ticket (`follows_up` = this one);"
                    + " Location names it",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TicketResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "A missing or invalid field (`resolution.*`, `scheduled_for`, `estimate_minutes`, …)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "The role may not change statuses, or a customer asked for anything but reopening or"
                    + " closing their resolved ticket",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such ticket, not a ticket id, or (for a customer) not one of theirs",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Illegal transition (`illegal-transition`); `current_status` and `allowed` name the legal"
                    + " ones",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> changeTicketStatus(
            @PathParam("id") String id,
            @NotNull(message = "a JSON body is required") @Valid StatusChangeRequest request,
            @jakarta.ws.rs.core.Context UriInfo uri) {
        Actor actor = Actor.reader(caller);
        return tickets.changeStatus(ProblemException.idOrNotFound("ticket", id), request, actor)
                .map(outcome -> outcome.followUp() == null
                        ? Response.ok(TicketMapper.toResponse(outcome.ticket())).build()
                        : Response.created(uri.getBaseUriBuilder()
                                        .path("api/v1/tickets")
                                        .path(outcome.followUp().id.toString())
                                        .build())
                                .entity(TicketMapper.toResponse(outcome.followUp()))
                                .build());
    }

    @POST
    @Path("/{id}/time")
    @RolesAllowed({Roles.AGENT, Roles.LEAD, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "logTime",
            summary = "Log time worked on a ticket",
            description = "Staff only. `minutes` (1 … 1440), `note`, `date` (the day worked; today UTC by default)."
                    + " The ticket's `time_logged_minutes` grows by the entry; announced as ticket.updated with"
                    + " `time_logged_added`, `time_logged_minutes` and `time_logged_by` (the caller).")
    @APIResponse(
            responseCode = "201",
            description = "The entry, with the ticket's new total",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TimeEntryResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "Not staff",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such ticket",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> logTime(
            @PathParam("id") String id, @NotNull(message = "a JSON body is required") @Valid TimeEntryRequest request) {
        Actor actor = Actor.reader(caller);
        return tickets.logTime(ProblemException.idOrNotFound("ticket", id), request, actor)
                .map(entry ->
                        Response.status(Response.Status.CREATED).entity(entry).build());
    }

    @POST
    @Path("/{id}/escalate")
    @RolesAllowed({Roles.CUSTOMER, Roles.AGENT, Roles.LEAD, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "requestEscalation",
            summary = "Ask for an escalation",
            description = "The ticket's own customer or staff, with a `reason`. Published as"
                    + " ticket.escalation-requested (`requested_by` = the caller) for routing's escalation matrix;"
                    + " the answer is the request as published.")
    @APIResponse(
            responseCode = "202",
            description = "Accepted: routing's escalation matrix handles it",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = EscalationRequested.class)))
    @APIResponse(
            responseCode = "400",
            description = "No reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "The role may not ask for escalations",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such ticket, or (for a customer) not one of theirs or an ESCALATION",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The ticket is closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> requestEscalation(
            @PathParam("id") String id, @NotNull(message = "a JSON body is required") @Valid EscalateRequest request) {
        Actor actor = Actor.reader(caller);
        return tickets.requestEscalation(ProblemException.idOrNotFound("ticket", id), request, actor)
                .map(requested -> Response.accepted(requested).build());
    }

    @POST
    @Path("/{id}/comments")
    @RolesAllowed({Roles.CUSTOMER, Roles.AGENT, Roles.LEAD, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "addComment",
            summary = "Add a comment",
            description = "The author is the caller: id and role come from the token (a customer's comment is a"
                    + " CUSTOMER one, staff's an AGENT one), never from the body. A customer comments publicly on"
                    + " their own tickets only; staff comment publicly or internally. A customer's comment on their"
                    + " RESOLVED or CLOSED ticket reopens it within the reopen window; after it, the comment opens a"
                    + " follow-up ticket (`follows_up` = this one) and is recorded there (`ticket_id` names it)."
                    + " Rate-limited per caller (429).")
    @APIResponse(
            responseCode = "201",
            description = "The comment",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CommentResponse.class)))
    @APIResponse(
            responseCode = "403",
            description = "The role may not comment, or a customer asked for an INTERNAL comment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such ticket, not a ticket id, or (for a customer) not one of theirs",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "429",
            description = "Too many comments from this caller; retry after `Retry-After` seconds",
            headers =
                    @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> addComment(
            @PathParam("id") String id, @NotNull(message = "a JSON body is required") @Valid CommentRequest request) {
        rateLimiter.check("comment", caller);
        Actor actor = Actor.reader(caller);
        return tickets.addComment(ProblemException.idOrNotFound("ticket", id), request, actor)
                .map(c -> Response.status(Response.Status.CREATED)
                        .entity(TicketMapper.toResponse(c))
                        .build());
    }

    @GET
    @Path("/{id}/comments")
    @RolesAllowed({Roles.CUSTOMER, Roles.AGENT, Roles.LEAD, Roles.ADMIN})
    @Operation(
            operationId = "listComments",
            summary = "List a ticket's comments",
            description = "Oldest first. Staff see every comment; a customer only the PUBLIC comments of their own"
                    + " tickets.")
    @APIResponse(responseCode = "200", description = "The comments")
    @APIResponse(
            responseCode = "404",
            description = "No such ticket, not a ticket id, or (for a customer) not one of theirs",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<CommentResponse>> listComments(@PathParam("id") String id) {
        Actor actor = Actor.reader(caller);
        return tickets.comments(ProblemException.idOrNotFound("ticket", id), actor)
                .map(list -> list.stream().map(TicketMapper::toResponse).toList());
    }

    @GET
    @Path("/{id}/escalations")
    @RolesAllowed({Roles.AGENT, Roles.LEAD, Roles.ADMIN})
    @Operation(
            operationId = "listTicketEscalations",
            summary = "List a ticket's escalations",
            description =
                    "Oldest first: each escalation routing's matrix raised for the ticket (from ticket.escalated),"
                            + " with its level, rule, reason, the people paged and the acknowledgement deadline. Staff only;"
                            + " acknowledging is routing-service's POST /api/v1/escalations/{id}/acknowledge.")
    @APIResponse(responseCode = "200", description = "The escalations")
    @APIResponse(
            responseCode = "404",
            description = "No such ticket, or not a ticket id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<EscalationResponse>> listEscalations(@PathParam("id") String id) {
        return escalationLog.of(ProblemException.idOrNotFound("ticket", id));
    }

    /**
     * A whole-number query parameter; anything else (letters, a number beyond an int) is a 400 problem naming it, not
     * the 404 JAX-RS gives a parameter it cannot convert.
     */
    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.validation(List.of(new Problem.FieldError(name, "must be a whole number")));
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation(List.of(new Problem.FieldError(
                    name, "invalid value '" + value + "'; allowed: " + Arrays.toString(type.getEnumConstants()))));
        }
    }
}
