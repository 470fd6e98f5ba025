package io.ticketsuite.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One packaged service run as its own JVM, the way ./suite runs it: start, await ready, kill -9, restart. */
final class ServiceProcess {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    private final Path jar;
    private final Path log;
    private final Map<String, String> config;
    private final Map<String, String> env;
    private Process process;

    /** {@code config}: system properties ({@code -D}); {@code env}: environment variables, as ./suite sets them. */
    ServiceProcess(String name, int port, Path root, Path logs, Map<String, String> config, Map<String, String> env) {
        this.name = name;
        this.port = port;
        this.jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        this.log = logs.resolve(name + ".log");
        this.config = config;
        this.env = env;
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + name + " first");
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void start() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m",
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                // an invalid URI reaches the kit's guard, which answers a problem (Quarkus' own check is bare)
                "-Dvertx.disableURIValidation=true",
                "-Dquarkus.http.port=" + port));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(jar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("not ready: " + describe());
            }
            try {
                HttpResponse<String> response = HTTP.send(
                        HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(300);
        }
        throw new IllegalStateException("not ready within " + timeout + ": " + describe());
    }

    /** Kills the JVM at once, as a crash would (SIGKILL). */
    void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the JVM runs, and the end of its log: what a failing test says about a service that did not answer. */
    String describe() {
        String state = process == null
                ? "not started"
                : process.isAlive() ? "running (pid " + process.pid() + ")" : "exited with " + process.exitValue();
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException | UncheckedIOException e) {
            lines = List.of("(log unreadable: " + e + ")");
        }
        return name + " " + state + "; the last lines of " + log + ":\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    }

    long pid() {
        return process.pid();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
