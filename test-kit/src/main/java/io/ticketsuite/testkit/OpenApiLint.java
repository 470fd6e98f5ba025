package io.ticketsuite.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints an OpenAPI document with Redocly CLI's {@code recommended} rules (the standard linter, run through {@code
 * npx}, pinned), so a test can keep every service's document free of errors and warnings: security scheme,
 * servers, an operationId per operation, documented 4xx answers, and the rest of that rule set.
 */
public final class OpenApiLint {
    /** The Redocly CLI version the suite lints with. */
    public static final String REDOCLY = "@redocly/cli@2.77.0";

    private static final Pattern TOTALS =
            Pattern.compile("\"totals\"\\s*:\\s*\\{\\s*\"errors\"\\s*:\\s*(\\d+)\\s*,\\s*\"warnings\"\\s*:\\s*(\\d+)");

    /** What the linter found: counts, and its report in human form. */
    public record Result(int errors, int warnings, String report) {
        public boolean clean() {
            return errors == 0 && warnings == 0;
        }
    }

    private OpenApiLint() {}

    /** Writes {@code document} (JSON or YAML text) to {@code target/openapi/<name>} and lints it. */
    public static Result lint(String name, String document) {
        try {
            Path dir = Path.of("target", "openapi");
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            Files.writeString(file, document, StandardCharsets.UTF_8);
            Path config = dir.resolve("redocly.yaml");
            Files.writeString(config, "extends:\n  - recommended\n", StandardCharsets.UTF_8);
            String json = run(List.of("lint", file.toString(), "--config", config.toString(), "--format", "json"));
            String stylish =
                    run(List.of("lint", file.toString(), "--config", config.toString(), "--format", "stylish"));
            Matcher totals = TOTALS.matcher(json);
            if (!totals.find()) {
                throw new IllegalStateException("Redocly gave no totals:\n" + json + "\n" + stylish);
            }
            return new Result(Integer.parseInt(totals.group(1)), Integer.parseInt(totals.group(2)), stylish);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("npx", "--yes", REDOCLY));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("Redocly did not finish: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return output;
    }
}
