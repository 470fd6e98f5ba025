package io.ticketsuite.deploy;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schema of every kind the manifests may use, read from {@code deploy/schemas}: Kubernetes' own OpenAPI
 * definitions (the built-in kinds) and the operators' CustomResourceDefinitions (one schema per served version).
 *
 * <p>Both are made strict the way the API server's strict field validation is: an object schema that lists its
 * properties rejects any other (a typo), unless it declares {@code x-kubernetes-preserve-unknown-fields}. A kind or
 * apiVersion that no schema serves is unknown, which fails validation as well.
 */
final class SchemaCatalog {
    static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    /**
     * Custom resources stored as JSON Schemas converted from their CRDs (one file per kind and version, without
     * apiVersion, kind and metadata), where the CRD files themselves were not to be had: file to apiVersion and kind.
     */
    static final Map<String, String> CONVERTED_CRDS = Map.of(
            "keycloak-operator-26.4.7/keycloak_v2alpha1.json", "k8s.keycloak.org/v2alpha1 Keycloak",
            "keycloak-operator-26.4.7/keycloakrealmimport_v2alpha1.json",
                    "k8s.keycloak.org/v2alpha1 KeycloakRealmImport");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, Schema> byKind = new TreeMap<>();
    private final Schema objectMeta;

    private SchemaCatalog(Path schemas) throws IOException {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
        ObjectMapper json = JsonMapper.builder().build();

        JsonNode swagger =
                json.readTree(schemas.resolve("kubernetes-1.36/swagger.json").toFile());
        ObjectNode definitions = (ObjectNode) swagger.get("definitions").deepCopy();
        for (Map.Entry<String, JsonNode> definition : definitions.properties()) {
            strictKubernetes(definition.getValue());
        }
        // a quantity is written as a string ("512Mi") or a bare number (2)
        ((ObjectNode) definitions.get("io.k8s.apimachinery.pkg.api.resource.Quantity"))
                .set("type", NODES.arrayNode().add("string").add("number"));
        for (Map.Entry<String, JsonNode> definition : definitions.properties()) {
            JsonNode gvks = definition.getValue().get("x-kubernetes-group-version-kind");
            if (gvks == null) {
                continue;
            }
            for (JsonNode gvk : gvks) {
                String group = gvk.get("group").asString();
                String apiVersion = group.isEmpty()
                        ? gvk.get("version").asString()
                        : group + "/" + gvk.get("version").asString();
                byKind.put(
                        key(apiVersion, gvk.get("kind").asString()),
                        registry.getSchema(rootOf(definitions, definition.getKey())));
            }
        }
        objectMeta = registry.getSchema(rootOf(definitions, OBJECT_META));

        List<Path> crds;
        try (Stream<Path> files = Files.walk(schemas)) {
            crds = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path crd : crds) {
            for (JsonNode document : Yaml.documents(Files.readString(crd))) {
                if (!"CustomResourceDefinition".equals(document.path("kind").asString(""))) {
                    continue;
                }
                String group = document.at("/spec/group").asString();
                String kind = document.at("/spec/names/kind").asString();
                for (JsonNode version : document.at("/spec/versions")) {
                    if (!version.path("served").asBoolean(false)) {
                        continue;
                    }
                    JsonNode schema = version.at("/schema/openAPIV3Schema").deepCopy();
                    strictCustomResource(schema);
                    // metadata is checked against Kubernetes' ObjectMeta (below), as the API server does
                    ((ObjectNode) schema.get("properties")).set("metadata", NODES.objectNode());
                    ((ObjectNode) schema).put("$schema", "http://json-schema.org/draft-04/schema#");
                    byKind.put(key(group + "/" + version.get("name").asString(), kind), registry.getSchema(schema));
                }
            }
        }
        for (Map.Entry<String, String> converted : CONVERTED_CRDS.entrySet()) {
            ObjectNode schema = (ObjectNode)
                    json.readTree(schemas.resolve(converted.getKey()).toFile());
            ObjectNode properties = (ObjectNode) schema.get("properties");
            properties.set("apiVersion", NODES.objectNode().put("type", "string"));
            properties.set("kind", NODES.objectNode().put("type", "string"));
            properties.set("metadata", NODES.objectNode());
            strictCustomResource(schema);
            schema.put("$schema", "http://json-schema.org/draft-04/schema#");
            byKind.put(converted.getValue(), registry.getSchema(schema));
        }
    }

    static SchemaCatalog load() throws IOException {
        return new SchemaCatalog(Path.of("schemas"));
    }

    /** The kinds this catalog knows, as {@code apiVersion kind}. */
    java.util.Set<String> kinds() {
        return byKind.keySet();
    }

    /** What is wrong with {@code object}: an unknown kind, a missing name, or each schema violation. */
    List<String> problems(JsonNode object) {
        List<String> problems = new ArrayList<>();
        String apiVersion = object.path("apiVersion").asString("");
        String kind = object.path("kind").asString("");
        String name = object.at("/metadata/name").asString("");
        String what = kind + " " + name + " (" + apiVersion + ")";
        if (name.isEmpty()) {
            problems.add(what + ": metadata.name is missing");
        }
        Optional<Schema> schema = Optional.ofNullable(byKind.get(key(apiVersion, kind)));
        if (schema.isEmpty()) {
            problems.add(what + ": no schema serves apiVersion " + apiVersion + " kind " + kind
                    + " (unknown kind or apiVersion; known: deploy/schemas)");
            return problems;
        }
        for (Error error : schema.get().validate(object)) {
            problems.add(what + ": " + error.getInstanceLocation() + " " + error.getMessage());
        }
        if (object.has("metadata")) {
            for (Error error : objectMeta.validate(object.get("metadata"))) {
                problems.add(what + ": metadata" + error.getInstanceLocation() + " " + error.getMessage());
            }
        }
        return problems;
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }

    private static ObjectNode rootOf(ObjectNode definitions, String name) {
        ObjectNode root = NODES.objectNode();
        root.put("$schema", "http://json-schema.org/draft-04/schema#");
        root.put("$ref", "#/definitions/" + name);
        root.set("definitions", definitions);
        return root;
    }

    /** Kubernetes' OpenAPI v2 definitions as strict JSON Schema (draft 4). */
    private static void strictKubernetes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            if ("int-or-string".equals(object.path("format").asString(""))) {
                object.remove("format");
                object.set("type", NODES.arrayNode().add("integer").add("string"));
            }
            for (JsonNode child : object.values()) {
                strictKubernetes(child);
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode child : array) {
                strictKubernetes(child);
            }
        }
    }

    /** A CRD's structural OpenAPI v3 schema as strict JSON Schema (draft 4), with Kubernetes' extensions applied. */
    private static void strictCustomResource(JsonNode node) {
        if (node instanceof ObjectNode object) {
            boolean preserve =
                    object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            if (object.has("properties") && !object.has("additionalProperties") && !preserve) {
                object.put("additionalProperties", false);
            }
            if (object.path("x-kubernetes-int-or-string").asBoolean(false)) {
                object.remove("type");
                object.set(
                        "anyOf",
                        NODES.arrayNode()
                                .add(NODES.objectNode().put("type", "integer"))
                                .add(NODES.objectNode().put("type", "string")));
            }
            if (object.path("nullable").asBoolean(false) && object.path("type").isString()) {
                object.set(
                        "type",
                        NODES.arrayNode().add(object.get("type").asString()).add("null"));
            }
            for (Map.Entry<String, JsonNode> child : object.properties()) {
                if (child.getKey().equals("properties") && child.getValue() instanceof ObjectNode properties) {
                    for (JsonNode property : properties.values()) {
                        strictCustomResource(property);
                    }
                } else if (!child.getKey().equals("enum") && !child.getKey().equals("default")) {
                    strictCustomResource(child.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode child : array) {
                strictCustomResource(child);
            }
        }
    }
}
