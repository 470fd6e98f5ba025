package io.ticketsuite.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Renders a kustomization with {@code kubectl kustomize} (offline; no cluster). CI installs Debian's
 * {@code kubernetes-client} (kubectl 1.20, kustomize v2.0.3), which is why the overlays keep to v2.0.3's syntax; a
 * newer kubectl (kustomize v5) renders the same objects. {@code KUBECTL} names another binary.
 */
final class Kustomize {
    private Kustomize() {}

    static List<JsonNode> render(Path directory) throws IOException, InterruptedException {
        String kubectl = System.getenv().getOrDefault("KUBECTL", "kubectl");
        Process process;
        try {
            process = new ProcessBuilder(kubectl, "kustomize", directory.toString())
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "kubectl is needed to render deploy/ (apt-get install kubernetes-client, or set KUBECTL)", e);
        }
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(
                    "kubectl kustomize " + directory + " failed: " + new String(err, StandardCharsets.UTF_8));
        }
        return Yaml.documents(new String(out, StandardCharsets.UTF_8));
    }
}
