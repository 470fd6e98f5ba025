package io.ticketsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Every overlay renders, and every object it renders validates against the real schema of its kind (Kubernetes 1.36,
 * Strimzi 1.2.0, CloudNativePG 1.30.0, Barman Cloud plugin 0.14.0, Prometheus Operator 0.93.0, Keycloak Operator 26.4.7;
 * deploy/schemas).
 */
class OverlaySchemaTest {
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");
    static SchemaCatalog catalog;

    @BeforeAll
    static void loadSchemas() throws Exception {
        catalog = SchemaCatalog.load();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "overlays/prod-backup", "overlays/prod-keycloak"})
    void everyRenderedObjectValidatesAgainstTheSchemaOfItsKind(String overlay) throws Exception {
        List<JsonNode> objects = Kustomize.render(Path.of(overlay));

        assertThat(objects).as("objects rendered from %s", overlay).hasSizeGreaterThan(50);
        List<String> problems = new ArrayList<>();
        for (JsonNode object : objects) {
            problems.addAll(catalog.problems(object));
            String kind = object.path("kind").asString("");
            String namespace = object.at("/metadata/namespace").asString("");
            if (!CLUSTER_SCOPED.contains(kind) && !"ticket-suite".equals(namespace)) {
                problems.add(kind + " " + object.at("/metadata/name").asString() + ": namespace is '" + namespace
                        + "', not ticket-suite");
            }
        }
        assertThat(problems).as("schema problems in %s", overlay).isEmpty();
    }
}
