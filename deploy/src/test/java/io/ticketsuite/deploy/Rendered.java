package io.ticketsuite.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/** The objects an overlay renders to (rendered once per test run), looked up by kind and name. */
record Rendered(List<JsonNode> objects) {
    static final List<String> SERVICES = List.of(
            "intake-service",
            "triage-service",
            "routing-service",
            "sla-service",
            "notification-service",
            "reporting-service");
    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    static Rendered overlay(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try {
                return new Rendered(Kustomize.render(Path.of("overlays", n)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asString("")))
                .toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream()
                .filter(o -> name.equals(o.at("/metadata/name").asString("")))
                .findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered"));
    }
}
