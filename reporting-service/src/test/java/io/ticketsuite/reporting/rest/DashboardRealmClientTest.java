package io.ticketsuite.reporting.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The local realm (local-infra's generated Keycloak realm file) holds the dashboard's client as the page needs it:
 * public, authorization code only, PKCE with S256 required, redirects and web origins at this service's local port
 * only (no wildcard), the suite's audience in its access tokens.
 */
class DashboardRealmClientTest {
    private static final Path REALM =
            Path.of("..", "local-infra", "src", "main", "resources", "keycloak", "ticketsuite-realm.json");

    @Test
    void shouldRegisterThePublicPkceClientForTheLocalDashboardOnly() throws IOException {
        JsonNode client = dashboardClient();
        String port = localPort();
        List<String> local = List.of("http://localhost:" + port, "http://127.0.0.1:" + port);

        assertThat(client.path("publicClient").asBoolean()).isTrue();
        assertThat(client.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(client.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(client.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(client.path("serviceAccountsEnabled").asBoolean()).isFalse();
        assertThat(client.path("attributes").path("pkce.code.challenge.method").asText())
                .isEqualTo("S256");
        assertThat(texts(client.path("redirectUris")))
                .containsExactlyInAnyOrder(local.get(0) + "/", local.get(1) + "/");
        assertThat(texts(client.path("webOrigins"))).containsExactlyInAnyOrderElementsOf(local);
        assertThat(client.path("attributes")
                        .path("post.logout.redirect.uris")
                        .asText()
                        .split("##"))
                .containsExactlyInAnyOrder(local.get(0) + "/", local.get(1) + "/");
        assertThat(client.path("protocolMappers").findValuesAsText("included.custom.audience"))
                .containsExactly("ticket-suite");
    }

    private static JsonNode dashboardClient() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(Files.readString(REALM));
        List<JsonNode> matches = new ArrayList<>();
        realm.path("clients").forEach(c -> {
            if ("ticketsuite-dashboard".equals(c.path("clientId").asText())) {
                matches.add(c);
            }
        });
        assertThat(matches).as("the realm's ticketsuite-dashboard client").hasSize(1);
        return matches.get(0);
    }

    /** This service's port in its configuration (quarkus.http.port). */
    private static String localPort() throws IOException {
        Properties properties = new Properties();
        try (var in = DashboardRealmClientTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties.getProperty("quarkus.http.port");
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(n -> result.add(n.asText()));
        return result;
    }
}
