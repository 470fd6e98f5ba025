package io.ticketsuite.reporting.rest;

import io.ticketsuite.reporting.config.ReportingConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * What the dashboard page needs to sign a lead in: the issuer (the one whose tokens this service accepts, so the
 * page's tokens are valid here), the public client and the scopes. Public: it holds no secret, and the page reads
 * it before anyone is signed in. Not part of the report API (hidden from the OpenAPI document).
 */
@PermitAll
@Path("/dashboard/config.json")
public class DashboardConfigResource {
    /** The page's sign-in settings; {@code issuer} is null when none is configured (the page then asks for a token). */
    public record DashboardConfig(String issuer, String clientId, String scope) {}

    private final DashboardConfig dashboard;

    public DashboardConfigResource(ReportingConfig config, Config mp) {
        String issuer = config.dashboard()
                .issuer()
                .or(() -> mp.getOptionalValue("quarkus.oidc.auth-server-url", String.class))
                .or(() -> mp.getOptionalValue("quarkus.oidc.token.issuer", String.class))
                .filter(s -> !s.isBlank())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
                .orElse(null);
        this.dashboard = new DashboardConfig(
                issuer, config.dashboard().clientId(), config.dashboard().scope());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public DashboardConfig get() {
        return dashboard;
    }
}
