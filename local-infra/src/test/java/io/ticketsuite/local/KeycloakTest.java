package io.ticketsuite.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real Keycloak with the realm file, as ./suite and the e2e tests start it: the claims the services rely on
 * (sub = staff id, aud, realm roles, customer_id, tier and email, short lifetimes).
 */
class KeycloakTest {
    private static Path home;
    private static Keycloak keycloak;

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("ts-test-keycloak");
        keycloak = new Keycloak(home, Processes.freePort(), Processes.freePort()).start(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.stop();
        }
        Processes.run(List.of("rm", "-rf", home.toString()), Duration.ofSeconds(30));
    }

    @Test
    void shouldGiveACustomerTheirCustomerIdEmailAndRole() {
        String claims = claims(keycloak.token("customer"));

        assertThat(claim(claims, "sub")).isEqualTo("c-42");
        assertThat(claim(claims, "customer_id")).isEqualTo("c-42");
        assertThat(claim(claims, "email")).isEqualTo("ann@example.com");
        assertThat(claim(claims, "aud")).isEqualTo(Keycloak.AUDIENCE);
        assertThat(claim(claims, "iss")).isEqualTo(keycloak.issuer());
        assertThat(claims).contains("\"realm_access\":{\"roles\":[\"customer\"]}");
        assertThat(lifetime(claims)).isEqualTo(300);
        assertThat(claim(claims, "tier")).isEqualTo("ENTERPRISE");
        assertThat(claim(claims(keycloak.token("customer2")), "customer_id")).isEqualTo("c-43");
        assertThat(claim(claims(keycloak.token("customer2")), "tier")).isEqualTo("STARTER");
    }

    @Test
    void shouldMakeTheStaffIdTheSubjectOfAStaffToken() {
        String agent = claims(keycloak.token("agent"));
        String manager = claims(Keycloak.token(keycloak.issuer(), "mgr-support"));

        assertThat(claim(agent, "sub")).isEqualTo("agent-account-management-1");
        assertThat(agent).contains("\"realm_access\":{\"roles\":[\"agent\"]}").doesNotContain("customer_id");
        assertThat(claim(manager, "sub")).isEqualTo("mgr-support");
        assertThat(manager).contains("\"roles\":[\"lead\"]");
        assertThat(claim(claims(keycloak.token("lead")), "sub")).isEqualTo("lead-account-management");
        assertThat(claims(keycloak.token("admin"))).contains("\"roles\":[\"admin\"]");
    }

    @Test
    void shouldGiveTheChannelClientItsRoleAndALongerLifetime() {
        String claims = claims(keycloak.token("channel"));

        assertThat(claim(claims, "aud")).isEqualTo(Keycloak.AUDIENCE);
        assertThat(claims).contains("\"realm_access\":{\"roles\":[\"channel\"]}");
        assertThat(lifetime(claims)).isEqualTo(900);
    }

    @Test
    void shouldRefuseAnUnknownUser() {
        assertThatThrownBy(() -> Keycloak.token(keycloak.issuer(), "nobody")).hasMessageContaining("invalid_grant");
    }

    private static String claims(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static String claim(String claims, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(claims);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static long lifetime(String claims) {
        return number(claims, "exp") - number(claims, "iat");
    }

    private static long number(String claims, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":(\\d+)").matcher(claims);
        assertThat(matcher.find()).as(name).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
