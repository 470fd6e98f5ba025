package io.ticketsuite.routing.rest;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.security.Caller;
import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.routing.mapping.RoutingMapper;
import io.ticketsuite.routing.rest.dto.VipCustomerRequest;
import io.ticketsuite.routing.rest.dto.VipCustomerResponse;
import io.ticketsuite.routing.service.VipCustomerService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The VIP customer directory: their new tickets go to senior agents of the team the rules choose. */
@Path("/api/v1/vip-customers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "vip customers", description = "Customers whose tickets go to senior agents (admins keep the list)")
public class VipCustomerResource {
    private static final String ID = "[A-Za-z0-9][A-Za-z0-9._@:-]{0,99}";

    private final VipCustomerService vips;
    private final Caller caller;

    public VipCustomerResource(VipCustomerService vips, Caller caller) {
        this.vips = vips;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.LEAD, Roles.ADMIN})
    @Operation(operationId = "listVipCustomers", summary = "List VIP customers")
    public Uni<List<VipCustomerResponse>> listVipCustomers() {
        return vips.list()
                .map(list -> list.stream().map(RoutingMapper::toResponse).toList());
    }

    @PUT
    @Path("/{customerId}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "flagVipCustomer",
            summary = "Flag a customer VIP",
            description = "Idempotent; the note is replaced. Who flagged them comes from the token.")
    @APIResponse(responseCode = "200", description = "The VIP entry")
    @APIResponse(
            responseCode = "400",
            description = "Invalid customer id or note",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<VipCustomerResponse> flagVipCustomer(
            @PathParam("customerId") @Pattern(regexp = ID) String customerId, @Valid VipCustomerRequest request) {
        return vips.flag(customerId, request == null ? null : request.note(), caller.id())
                .map(RoutingMapper::toResponse);
    }

    @DELETE
    @Path("/{customerId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "unflagVipCustomer", summary = "Remove a customer from the VIP directory")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(
            responseCode = "404",
            description = "Not a VIP customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> unflagVipCustomer(@PathParam("customerId") String customerId) {
        return vips.unflag(customerId);
    }
}
