package io.ticketsuite.routing.rest;

import io.ticketsuite.kit.security.Roles;
import io.ticketsuite.routing.mapping.RoutingMapper;
import io.ticketsuite.routing.rest.dto.RuleResponse;
import io.ticketsuite.routing.rules.RoutingRules;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The routing rules in force, in evaluation order. */
@RolesAllowed({Roles.AGENT, Roles.LEAD, Roles.ADMIN})
@Path("/api/v1/routing-rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "routing rules", description = "The ordered routing rules in force (data, first match wins)")
public class RuleResource {
    private final RoutingRules rules;

    public RuleResource(RoutingRules rules) {
        this.rules = rules;
    }

    @GET
    @Operation(summary = "List the routing rules", description = "Evaluated in order; the first match wins.")
    public List<RuleResponse> listRoutingRules() {
        List<RuleResponse> list = new ArrayList<>();
        for (int i = 0; i < rules.rules().size(); i++) {
            list.add(RoutingMapper.toResponse(rules.rules().get(i), i + 1));
        }
        return list;
    }
}
