package io.ticketsuite.testkit;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bearer tokens for tests, signed with a key pair made once per test JVM. {@link TestInfrastructure} points each
 * application's OIDC verification at the public key, issuer and audience below, so a test's request carries a real
 * signed JWT that the service verifies exactly as it would one from Keycloak (no identity provider needed). Claims
 * follow the suite's realm: roles in {@code realm_access.roles}, customers' {@code customer_id} and {@code email}.
 */
public final class TestTokens {
    public static final String ISSUER = "https://issuer.test.ticketsuite.io/realms/ticketsuite";
    public static final String AUDIENCE = "ticket-suite";

    private static final KeyPair KEYS = generate();
    private static final KeyPair FOREIGN_KEYS = generate();

    private TestTokens() {}

    /** The OIDC settings that make an application trust these tokens (and nothing else). */
    public static Map<String, String> oidcConfig() {
        return Map.of(
                "quarkus.oidc.auth-server-url",
                "",
                "quarkus.oidc.public-key",
                Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded()),
                "quarkus.oidc.token.issuer",
                ISSUER,
                "quarkus.oidc.token.audience",
                AUDIENCE);
    }

    /** A customer's token: subject, customer id and email claims. */
    public static String customer(String customerId, String email) {
        return token("cust-" + customerId, List.of("customer"), Map.of("customer_id", customerId, "email", email));
    }

    /** The demo customer c-42 (ann@example.com). */
    public static String customer() {
        return customer("c-42", "ann@example.com");
    }

    /** The other demo customer c-43 (ben@example.com). */
    public static String customer2() {
        return customer("c-43", "ben@example.com");
    }

    /** A staff member's token: the subject is the staff id routing and notification use. */
    public static String staff(String staffId, String role) {
        return token(staffId, List.of(role), Map.of());
    }

    public static String agent() {
        return staff("agent-account-management-1", "agent");
    }

    public static String lead() {
        return staff("lead-account-management", "lead");
    }

    public static String admin() {
        return staff("admin-1", "admin");
    }

    /** A channel system's service account (email gateway, monitoring, a web form backend). */
    public static String channel() {
        return token("service-account-ticketsuite-channel", List.of("channel"), Map.of());
    }

    /** A token with roles none of the suite's rules know. */
    public static String noRole() {
        return token("nobody-" + UUID.randomUUID(), List.of(), Map.of());
    }

    /** Well-formed and signed, but expired an hour ago. */
    public static String expired() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return claims("agent-account-management-1", List.of("agent"), Map.of())
                .issuedAt(past)
                .expiresAt(past.plus(Duration.ofHours(1)))
                .jws()
                .sign(KEYS.getPrivate());
    }

    /** Signed by a key the services do not trust. */
    public static String forged() {
        return claims("admin-1", List.of("admin"), Map.of()).jws().sign(FOREIGN_KEYS.getPrivate());
    }

    /** Valid signature for another audience. */
    public static String wrongAudience() {
        return claims("admin-1", List.of("admin"), Map.of())
                .audience("another-api")
                .jws()
                .sign(KEYS.getPrivate());
    }

    public static String token(String subject, List<String> roles, Map<String, String> claims) {
        return claims(subject, roles, claims).jws().sign(KEYS.getPrivate());
    }

    private static JwtClaimsBuilder claims(String subject, List<String> roles, Map<String, String> extra) {
        JwtClaimsBuilder builder = Jwt.issuer(ISSUER)
                .subject(subject)
                .audience(AUDIENCE)
                .claim("preferred_username", subject)
                .claim("realm_access", Map.of("roles", roles))
                .issuedAt(Instant.now())
                .expiresIn(Duration.ofMinutes(5));
        extra.forEach(builder::claim);
        return builder;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
