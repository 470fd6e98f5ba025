package io.ticketsuite.intake.rest;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.intake.mapping.TicketMapper;
import io.ticketsuite.intake.repository.TicketRepository;
import io.ticketsuite.intake.rest.dto.CommentRequest;
import io.ticketsuite.intake.rest.dto.CommentResponse;
import io.ticketsuite.intake.rest.dto.CreateTicketRequest;
import io.ticketsuite.intake.rest.dto.PageResponse;
import io.ticketsuite.intake.rest.dto.StatusChangeRequest;
import io.ticketsuite.intake.rest.dto.TicketResponse;
import io.ticketsuite.intake.service.TicketService;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tickets API channels integrate against. */
@Path("/api/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tickets")
public class TicketResource {
    private final TicketService tickets;

    public TicketResource(TicketService tickets) {
        this.tickets = tickets;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a ticket",
            description = "A retry with the same Idempotency-Key and body returns the "
                    + "same ticket; the same key with another body is refused with 422.")
    @APIResponse(responseCode = "201", description = "Created; Location names the ticket")
    @APIResponse(
            responseCode = "400",
            description = "Invalid fields or malformed JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Idempotency-Key reused with a different body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(
            @NotNull(message = "a JSON body is required") @Valid CreateTicketRequest request,
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey,
            @jakarta.ws.rs.core.Context UriInfo uri) {
        if (request.type() == TicketType.ESCALATION && !request.channel().name().matches("API|PHONE")) {
            throw ProblemException.validation(List.of(new Problem.FieldError(
                    "type", "ESCALATION tickets are internal: create them through channel API or PHONE")));
        }
        return tickets.create(request, idempotencyKey)
                .map(created -> Response.created(uri.getBaseUriBuilder()
                                .path("api/v1/tickets")
                                .path(created.ticket().id.toString())
                                .build())
                        .header("Idempotent-Replayed", created.replayed() ? "true" : null)
                        .entity(TicketMapper.toResponse(created.ticket()))
                        .build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a ticket")
    @APIResponse(
            responseCode = "404",
            description = "No such ticket (or not a ticket id)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TicketResponse> get(@PathParam("id") String id) {
        return tickets.get(ProblemException.idOrNotFound("ticket", id)).map(TicketMapper::toResponse);
    }

    @GET
    @Operation(summary = "List tickets", description = "Newest first; filters combine with AND.")
    public Uni<PageResponse<TicketResponse>> list(
            @QueryParam("status") @Parameter(description = "e.g. NEW, ASSIGNED") String status,
            @QueryParam("customer") @Parameter(description = "customer id") String customer,
            @QueryParam("type") String type,
            @QueryParam("category") String category,
            @QueryParam("priority") String priority,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        TicketRepository.Filter filter = new TicketRepository.Filter(
                parse(TicketStatus.class, "status", status),
                customer,
                parse(TicketType.class, "type", type),
                category == null ? null : category.toLowerCase(Locale.ROOT),
                parse(Priority.class, "priority", priority));
        return tickets.list(filter, page, size)
                .map(result -> new PageResponse<>(
                        result.items().stream().map(TicketMapper::toResponse).toList(), page, size, result.total()));
    }

    @POST
    @Path("/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the status", description = "Enforces the lifecycle of the ticket's type.")
    @APIResponse(
            responseCode = "409",
            description = "Illegal transition; `allowed` lists the legal ones",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TicketResponse> changeStatus(
            @PathParam("id") String id,
            @NotNull(message = "a JSON body is required") @Valid StatusChangeRequest request) {
        return tickets.changeStatus(ProblemException.idOrNotFound("ticket", id), request)
                .map(TicketMapper::toResponse);
    }

    @POST
    @Path("/{id}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a comment")
    public Uni<Response> addComment(
            @PathParam("id") String id, @NotNull(message = "a JSON body is required") @Valid CommentRequest request) {
        return tickets.addComment(ProblemException.idOrNotFound("ticket", id), request)
                .map(c -> Response.status(Response.Status.CREATED)
                        .entity(TicketMapper.toResponse(c))
                        .build());
    }

    @GET
    @Path("/{id}/comments")
    @Operation(summary = "List a ticket's comments", description = "Oldest first.")
    public Uni<List<CommentResponse>> comments(@PathParam("id") String id) {
        return tickets.comments(ProblemException.idOrNotFound("ticket", id))
                .map(list -> list.stream().map(TicketMapper::toResponse).toList());
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation(List.of(new Problem.FieldError(
                    name,
                    "invalid value '" + value + "'; allowed: " + java.util.Arrays.toString(type.getEnumConstants()))));
        }
    }
}
