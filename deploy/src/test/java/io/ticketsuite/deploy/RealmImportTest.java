package io.ticketsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Keycloak Operator's realm import is the local realm (roles, clients, mappers, user profile) without its people,
 * its password-grant client and its secrets; the overlay prod-keycloak wires Keycloak, its database and the services'
 * issuer to each other.
 */
class RealmImportTest {

    @Test
    void theCommittedRealmImportIsGeneratedFromTheLocalRealm() throws Exception {
        String generated = RealmImportGenerator.generate();
        if (Boolean.getBoolean("deploy.regenerate")) {
            Files.writeString(RealmImportGenerator.REALM_IMPORT, generated);
        }
        assertThat(Files.readString(RealmImportGenerator.REALM_IMPORT))
                .as("deploy/keycloak/realm-import.yaml is stale: run ./mvnw -pl deploy test -Dtest=RealmImportTest"
                        + " -Ddeploy.regenerate=true")
                .isEqualTo(generated);
    }

    @Test
    void theImportCarriesNoPasswordsNoLocalSecretAndNoPasswordGrant() throws Exception {
        String text = Files.readString(RealmImportGenerator.REALM_IMPORT);
        JsonNode realm = Yaml.documents(text).get(0).at("/spec/realm");

        assertThat(text)
                .doesNotContain("credentials", "ticketsuite-channel-local-secret", "hashIterations", "localhost");
        assertThat(realm.path("users"))
                .isNotEmpty()
                .allSatisfy(
                        user -> assertThat(user.has("serviceAccountClientId")).isTrue());
        assertThat(realm.path("clients"))
                .allSatisfy(client -> assertThat(
                                client.path("directAccessGrantsEnabled").asBoolean(false))
                        .as(client.path("clientId").asString())
                        .isFalse());
        JsonNode channel = client(realm, "ticketsuite-channel");
        assertThat(channel.path("secret").asString()).isEqualTo("${TICKETSUITE_CHANNEL_SECRET}");
        assertThat(Yaml.documents(text)
                        .get(0)
                        .at("/spec/placeholders/TICKETSUITE_CHANNEL_SECRET/secret/name")
                        .asString())
                .isEqualTo("ticketsuite-channel-client");
    }

    @Test
    void theImportKeepsTheLocalRealmsRolesClientsMappersAndUserProfile() throws Exception {
        JsonNode local = JsonMapper.builder().build().readTree(Files.readString(RealmImportGenerator.LOCAL_REALM));
        JsonNode realm = Yaml.documents(Files.readString(RealmImportGenerator.REALM_IMPORT))
                .get(0)
                .at("/spec/realm");

        assertThat(realm.path("realm")).isEqualTo(local.path("realm"));
        assertThat(realm.at("/roles/realm")).isEqualTo(local.at("/roles/realm"));
        assertThat(realm.path("components")).isEqualTo(local.path("components"));
        assertThat(realm.path("accessTokenLifespan")).isEqualTo(local.path("accessTokenLifespan"));
        for (String clientId : List.of("ticketsuite-channel", "ticketsuite-dashboard")) {
            assertThat(client(realm, clientId).path("protocolMappers"))
                    .as(clientId)
                    .isEqualTo(client(local, clientId).path("protocolMappers"));
        }
        List<String> groupRoles = new ArrayList<>();
        realm.path("groups")
                .forEach(group -> groupRoles.add(group.at("/realmRoles/0").asString()));
        List<String> roles = new ArrayList<>();
        local.at("/roles/realm").forEach(role -> roles.add(role.path("name").asString()));
        assertThat(groupRoles).containsExactlyElementsOf(roles);
    }

    @Test
    void prodKeycloakWiresKeycloakItsDatabaseTheRealmAndTheServicesIssuerTogether() {
        Rendered rendered = Rendered.overlay("prod-keycloak");
        JsonNode keycloak = rendered.get("Keycloak", RealmImportGenerator.KEYCLOAK_NAME);
        JsonNode realmImport = rendered.get("KeycloakRealmImport", "ticketsuite");
        JsonNode realm = realmImport.at("/spec/realm");
        String issuer = rendered.get("ConfigMap", "ticket-suite-config")
                .at("/data/TS_OIDC_ISSUER")
                .asString();

        assertThat(realmImport.at("/spec/keycloakCRName").asString()).isEqualTo(RealmImportGenerator.KEYCLOAK_NAME);
        assertThat(issuer)
                .startsWith("https://")
                .isEqualTo(keycloak.at("/spec/hostname/hostname").asString() + "/realms/"
                        + realm.path("realm").asString());
        assertThat(keycloak.at("/spec/http/tlsSecret").asString()).isNotEmpty();
        // Keycloak makes up the ids (sub) of the people it creates: staff are known by their username (= staff id)
        assertThat(rendered.get("ConfigMap", "ticket-suite-config")
                        .at("/data/TS_OIDC_PRINCIPAL_CLAIM")
                        .asString())
                .isEqualTo("preferred_username");
        String db = keycloak.at("/spec/db/host").asString().replaceFirst("-rw$", "");
        assertThat(rendered.find("Cluster", db)).isPresent();
        assertThat(keycloak.at("/spec/db/usernameSecret/name").asString()).isEqualTo(db + "-app");
        assertThat(keycloak.at("/spec/db/passwordSecret/name").asString()).isEqualTo(db + "-app");
        assertThat(keycloak.at("/spec/db/database").asString())
                .isEqualTo(rendered.get("Cluster", db)
                        .at("/spec/bootstrap/initdb/database")
                        .asString());

        // the overlay's dashboard origin (dashboard.yaml) is the one every dashboard URL of the client uses
        JsonNode dashboard = client(realm, "ticketsuite-dashboard");
        String origin = dashboard.at("/webOrigins/0").asString();
        assertThat(dashboard.path("webOrigins")).hasSize(1);
        assertThat(origin).startsWith("https://");
        assertThat(dashboard.path("redirectUris"))
                .allSatisfy(uri -> assertThat(uri.asString()).startsWith(origin + "/"));
        assertThat(dashboard.at("/attributes/post.logout.redirect.uris").asString())
                .startsWith(origin + "/");

        // without the Keycloak variant prod creates no Keycloak (its issuer.yaml names an external one)
        Rendered prod = Rendered.overlay("prod");
        assertThat(prod.ofKind("Keycloak")).isEmpty();
        assertThat(prod.ofKind("KeycloakRealmImport")).isEmpty();
        assertThat(prod.find("Cluster", db)).isEmpty();
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (clientId.equals(client.path("clientId").asString())) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId);
    }
}
