package io.ticketsuite.kit.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.ticketsuite.kit.config.KitConfig;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, as the verified bearer token says: the principal id (the token's subject, or the claim named by
 * {@code quarkus.oidc.token.principal-claim}), the roles, and for customers their customer id and email. Services
 * take who acted from here, never from a request body.
 */
@RequestScoped
public class Caller {
    private final SecurityIdentity identity;
    private final KitConfig.Security config;

    public Caller(SecurityIdentity identity, KitConfig config) {
        this.identity = identity;
        this.config = config.security();
    }

    /** The principal's id: a staff id for agents, leads and admins, the subject of a customer or channel. */
    public String id() {
        return identity.getPrincipal().getName();
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    public boolean isStaff() {
        return Roles.STAFF.stream().anyMatch(identity::hasRole);
    }

    public boolean isAdmin() {
        return is(Roles.ADMIN);
    }

    /** A customer and nothing more privileged. */
    public boolean isCustomer() {
        return role().equals(Roles.CUSTOMER);
    }

    /** A channel system and not staff. */
    public boolean isChannel() {
        return role().equals(Roles.CHANNEL);
    }

    /** The most privileged role the principal has ({@link Roles#BY_PRIVILEGE}); "none" without one. */
    public String role() {
        for (String role : Roles.BY_PRIVILEGE) {
            if (identity.hasRole(role)) {
                return role;
            }
        }
        return "none";
    }

    /** The customer id claim ({@code ts.security.customer-id-claim}); present on customers' tokens. */
    public Optional<String> customerId() {
        return claim(config.customerIdClaim());
    }

    /** The email claim ({@code ts.security.email-claim}). */
    public Optional<String> email() {
        return claim(config.emailClaim());
    }

    public Optional<String> claim(String name) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object value = jwt.getClaim(name);
            if (value != null && !value.toString().isBlank()) {
                String text = value.toString();
                // JSON string claims may come back quoted (JsonString)
                if (text.length() > 1 && text.startsWith("\"") && text.endsWith("\"")) {
                    text = text.substring(1, text.length() - 1);
                }
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }
}
