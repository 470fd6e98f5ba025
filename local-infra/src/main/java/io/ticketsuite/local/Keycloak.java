package io.ticketsuite.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A real Keycloak (the {@code org.keycloak:keycloak-quarkus-dist} zip from Maven Central, run with the JDK, no
 * Docker) in dev mode with file storage, the realm {@code ticketsuite} imported from
 * {@code keycloak/ticketsuite-realm.json}. The distribution is unzipped once into a cache shared by every instance
 * ({@code ~/.cache/ticketsuite/keycloak-<version>}, or {@code $TS_CACHE_DIR}); its first start builds it (~20 s
 * more), later starts reuse that build. Each instance keeps its own data under {@code home}: its H2 database, the
 * imported realm and a pid file. A changed realm file is re-imported from scratch on the next start.
 *
 * <p>{@link #launch()} returns at once so the broker and PostgreSQL start meanwhile; {@link #awaitReady} waits for
 * the realm's {@code /.well-known/openid-configuration}. {@link #token(String)} gets an access token for a demo
 * user, a staff id or the {@code channel} client.
 */
public final class Keycloak {
    public static final String VERSION = "26.4.0";
    public static final String REALM = "ticketsuite";
    public static final String AUDIENCE = "ticket-suite";
    /** Public client with direct access grants (password grant), for scripts and tests. */
    public static final String CLI_CLIENT = "ticketsuite-cli";
    /** Confidential client whose service account has the realm role {@code channel} (client credentials). */
    public static final String CHANNEL_CLIENT = "ticketsuite-channel";
    /** The channel client's secret in the realm file: local development only. */
    public static final String CHANNEL_SECRET = "ticketsuite-channel-local-secret";
    /** Bootstrap admin of the master realm (admin console), local development only. */
    public static final String ADMIN_USER = "admin";

    public static final String ADMIN_PASSWORD = "admin";
    /**
     * Short names for {@link #token}: any other name is a username (a staff id such as {@code agent-billing-1});
     * {@code channel} is the channel client. Every local password equals its username.
     */
    public static final Map<String, String> DEMO_USERS = Map.of(
            "customer", "customer", // customer_id c-42, ann@example.com
            "customer2", "customer2", // customer_id c-43, ben@example.com
            "agent", "agent-account-management-1", // gets the README's "charged twice" ENTERPRISE billing ticket
            "lead", "lead-account-management",
            "admin", "admin");

    static final String REALM_RESOURCE = "/keycloak/ticketsuite-realm.json";
    private static final String BUILT_MARKER = ".ticketsuite-built";
    private static final String BUILD_OPTIONS = "start-dev db=dev-file";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");

    private final Path home;
    private final int port;
    private final int managementPort;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private Path logFile;
    private String heap = "-Xms64m -Xmx512m";
    private boolean detached;
    private Process process;
    private FileChannel buildLockChannel;
    private FileLock buildLock;

    private record Token(String value, long refreshAfterNanos) {}

    /** An instance with its data in {@code home}, HTTP on {@code port}, health and metrics on {@code managementPort}. */
    public Keycloak(Path home, int port, int managementPort) {
        this.home = home.toAbsolutePath();
        this.port = port;
        this.managementPort = managementPort;
        this.logFile = this.home.resolve("keycloak.log");
    }

    /**
     * Runs Keycloak in a session of its own, so it outlives the launching process (for {@code ./suite}); tests keep
     * it attached.
     */
    public Keycloak detached() {
        this.detached = true;
        return this;
    }

    public Keycloak logFile(Path file) {
        this.logFile = file.toAbsolutePath();
        return this;
    }

    /** JVM heap options, {@code JAVA_OPTS_KC_HEAP} (default {@code -Xms64m -Xmx512m}). */
    public Keycloak heap(String options) {
        this.heap = options;
        return this;
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The realm's issuer, as the services' {@code TS_OIDC_ISSUER}. */
    public String issuer() {
        return url() + "/realms/" + REALM;
    }

    public Path home() {
        return home;
    }

    public Path logFile() {
        return logFile;
    }

    public Path pidFile() {
        return home.resolve("keycloak.pid");
    }

    /** Launches, then waits until the realm answers. */
    public Keycloak start(Duration timeout) {
        launch();
        awaitReady(timeout);
        return this;
    }

    /**
     * Unzips the distribution if needed, lays out this instance's home, writes the realm to import and starts the
     * process; returns without waiting (call {@link #awaitReady}). The first start of a fresh distribution builds
     * it, under a file lock, so two instances never build the same distribution at once.
     */
    public Keycloak launch() {
        if (Processes.isListening("127.0.0.1", port)) {
            throw new IllegalStateException("port " + port + " is already taken: cannot start Keycloak there "
                    + "(another Keycloak or program listens on it; set TS_KEYCLOAK_PORT to another port)");
        }
        if (Processes.isListening("127.0.0.1", managementPort)) {
            throw new IllegalStateException("port " + managementPort + " is already taken: cannot start Keycloak's "
                    + "management interface there (set TS_KEYCLOAK_MANAGEMENT_PORT to another port)");
        }
        try {
            Path dist = distribution();
            lockBuildIfFirstStart(dist);
            layOut(dist);
            Files.createDirectories(logFile.getParent());
            List<String> command = new ArrayList<>();
            if (detached) {
                command.add("setsid");
            }
            command.addAll(List.of(
                    "/bin/sh",
                    home.resolve("bin/kc.sh").toString(),
                    "start-dev",
                    "--http-host=127.0.0.1",
                    "--http-port=" + port,
                    "--http-management-port=" + managementPort,
                    "--hostname=" + url(),
                    "--import-realm",
                    "--log-console-color=false"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("JAVA_OPTS"));
            env.put("JAVA", Processes.javaExecutable());
            env.put("JAVA_OPTS_KC_HEAP", heap);
            // like the broker and the services: the serial collector and C1 only (measured here: ready in 14 s
            // instead of 22 s, RSS ~320 MB instead of ~450 MB after some logins)
            env.put("JAVA_OPTS_APPEND", "-XX:-UseG1GC -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            process = builder.start();
            Files.writeString(pidFile(), Long.toString(process.pid()));
        } catch (IOException e) {
            releaseBuildLock();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            releaseBuildLock();
            throw e;
        }
        return this;
    }

    /** Waits until the realm's OpenID configuration answers. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        try {
            while (true) {
                if (!isRunning()) {
                    throw new IllegalStateException("Keycloak exited during start-up; see " + logFile);
                }
                try {
                    HttpResponse<Void> response = HTTP.send(
                            HttpRequest.newBuilder(discovery)
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Keycloak did not serve realm " + REALM + " within " + timeout + "; see " + logFile);
                }
                Processes.sleep(300);
            }
            if (buildLock != null) {
                Files.writeString(distribution().resolve(BUILT_MARKER), BUILD_OPTIONS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            releaseBuildLock();
        }
    }

    /** True while the launched process (or the one named in the pid file) lives. */
    public boolean isRunning() {
        return process != null
                ? process.isAlive()
                : Processes.readPid(pidFile()).map(Processes::isAlive).orElse(false);
    }

    /** Stops Keycloak (its launcher script and its JVM) and removes the pid file. */
    public void stop() {
        if (process != null) {
            stopTree(process.pid());
            process = null;
        } else {
            Processes.readPid(pidFile()).ifPresent(Keycloak::stopTree);
        }
        releaseBuildLock();
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills Keycloak at once (SIGKILL to its launcher script and its JVM), as a crash would. */
    public void kill() {
        long pid =
                process != null ? process.pid() : Processes.readPid(pidFile()).orElse(-1L);
        ProcessHandle.of(pid).ifPresent(handle -> {
            List<ProcessHandle> tree = new ArrayList<>(handle.descendants().toList());
            tree.add(handle);
            tree.forEach(ProcessHandle::destroyForcibly);
            tree.forEach(h -> h.onExit()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .exceptionally(e -> null)
                    .join());
        });
        process = null;
        releaseBuildLock();
    }

    /**
     * An access token from this instance for {@code who}: a short name of {@link #DEMO_USERS}, any username (staff
     * id), or {@code channel}; kept and reused until half its lifetime has passed.
     */
    public String token(String who) {
        Token cached = tokens.get(who);
        if (cached != null && System.nanoTime() < cached.refreshAfterNanos()) {
            return cached.value();
        }
        String body = tokenResponse(issuer(), who);
        long lifetime = Long.parseLong(find(EXPIRES_IN, body, "expires_in"));
        String token = find(ACCESS_TOKEN, body, "access_token");
        tokens.put(
                who,
                new Token(
                        token,
                        System.nanoTime() + Duration.ofSeconds(lifetime / 2).toNanos()));
        return token;
    }

    /** A fresh access token for {@code who} from the realm at {@code issuer} (see {@link #token(String)}). */
    public static String token(String issuer, String who) {
        return find(ACCESS_TOKEN, tokenResponse(issuer, who), "access_token");
    }

    /** The token endpoint's JSON answer for {@code who}: client credentials for channel, else the password grant. */
    private static String tokenResponse(String issuer, String who) {
        String form;
        if ("channel".equals(who)) {
            form = "grant_type=client_credentials&client_id=" + CHANNEL_CLIENT + "&client_secret=" + CHANNEL_SECRET;
        } else {
            String username = DEMO_USERS.getOrDefault(who, who);
            form = "grant_type=password&scope=openid&client_id=" + CLI_CLIENT + "&username=" + encode(username)
                    + "&password=" + encode(username);
        }
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("no token for " + who + " from " + issuer + ": " + response.statusCode()
                        + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("no token for " + who + " from " + issuer, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The unzipped distribution in the shared cache, unzipped now if missing (atomically, so instances may share). */
    public static Path distribution() throws IOException {
        Path dist = cacheDir().resolve("keycloak-" + VERSION);
        if (Files.exists(dist.resolve("bin/kc.sh"))) {
            return dist;
        }
        Path zip = distributionZip();
        Files.createDirectories(dist.getParent());
        Path staging = Files.createTempDirectory(dist.getParent(), "keycloak-unzip");
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : archive.stream().toList()) {
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw new IllegalStateException("unexpected entry " + entry.getName() + " in " + zip);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        Path unpacked = staging.resolve("keycloak-" + VERSION);
        try (Stream<Path> scripts = Files.list(unpacked.resolve("bin"))) {
            scripts.filter(p -> p.toString().endsWith(".sh"))
                    .forEach(p -> p.toFile().setExecutable(true, false));
        }
        try {
            Files.move(unpacked, dist, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.exists(dist.resolve("bin/kc.sh"))) {
                throw e;
            }
            // another instance unzipped the same distribution first
        }
        Processes.run(List.of("rm", "-rf", staging.toString()), Duration.ofSeconds(60));
        return dist;
    }

    /**
     * Where unzipped distributions are kept between runs: {@code $TS_CACHE_DIR} (or {@code -Dticketsuite.cache}),
     * else {@code $XDG_CACHE_HOME/ticketsuite}, else {@code ~/.cache/ticketsuite}.
     */
    public static Path cacheDir() {
        String configured = System.getProperty("ticketsuite.cache", System.getenv("TS_CACHE_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("ticketsuite").toAbsolutePath();
    }

    /** The zip Maven resolved for local-infra (its path is written at build time), else the local repository's. */
    static Path distributionZip() throws IOException {
        try (InputStream in = Keycloak.class.getResourceAsStream("/ticketsuite/keycloak.dist")) {
            if (in != null) {
                Path zip = Path.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
                if (Files.exists(zip)) {
                    return zip;
                }
            }
        }
        Path repository = Path.of(System.getProperty("user.home"), ".m2", "repository");
        Path zip = repository.resolve(
                "org/keycloak/keycloak-quarkus-dist/" + VERSION + "/keycloak-quarkus-dist-" + VERSION + ".zip");
        if (!Files.exists(zip)) {
            throw new IllegalStateException("the Keycloak distribution " + zip + " is missing: build local-infra "
                    + "with Maven (it resolves org.keycloak:keycloak-quarkus-dist:" + VERSION + ":zip)");
        }
        return zip;
    }

    /**
     * {@code home}: its own copy of kc.sh (which takes its home from its own location), links to the shared
     * distribution's lib, conf, themes and providers, and data/ with the realm to import. A realm file that changed
     * since the last import empties the database so it is imported again.
     */
    private void layOut(Path dist) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.copy(dist.resolve("bin/kc.sh"), home.resolve("bin/kc.sh"), StandardCopyOption.REPLACE_EXISTING);
        for (String name : List.of("lib", "conf", "themes", "providers")) {
            Path link = home.resolve(name);
            Path target = dist.resolve(name);
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
                continue;
            }
            if (Files.isSymbolicLink(link)) {
                Files.delete(link);
            }
            Files.createSymbolicLink(link, target);
        }
        byte[] realm = realmFile();
        String digest = sha256(realm);
        Path importedDigest = home.resolve("data/realm.sha256");
        Path database = home.resolve("data/h2");
        if (Files.exists(database)
                && (!Files.exists(importedDigest)
                        || !Files.readString(importedDigest).trim().equals(digest))) {
            System.err.println(
                    "keycloak: the realm file changed: its local data is deleted and the realm imported " + "again");
            Processes.run(List.of("rm", "-rf", database.toString()), Duration.ofSeconds(30));
        }
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        Files.write(imports.resolve(REALM + "-realm.json"), realm);
        Files.writeString(importedDigest, digest);
    }

    private static byte[] realmFile() throws IOException {
        try (InputStream in = Keycloak.class.getResourceAsStream(REALM_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(REALM_RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        }
    }

    /** A fresh distribution builds itself on its first start: only one instance may do that at a time. */
    private void lockBuildIfFirstStart(Path dist) throws IOException {
        if (isBuilt(dist)) {
            return;
        }
        buildLockChannel = FileChannel.open(
                dist.resolveSibling("keycloak-" + VERSION + ".build.lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        while (buildLock == null) {
            try {
                buildLock = buildLockChannel.lock();
            } catch (OverlappingFileLockException e) {
                Processes.sleep(200); // another instance of this JVM is building it
            }
        }
        if (isBuilt(dist)) {
            releaseBuildLock();
        }
    }

    private static boolean isBuilt(Path dist) throws IOException {
        Path marker = dist.resolve(BUILT_MARKER);
        return Files.exists(marker) && Files.readString(marker).equals(BUILD_OPTIONS);
    }

    private void releaseBuildLock() {
        try {
            if (buildLock != null) {
                buildLock.release();
            }
            if (buildLockChannel != null) {
                buildLockChannel.close();
            }
        } catch (IOException e) {
            // closing a lock file cannot lose data
        } finally {
            buildLock = null;
            buildLockChannel = null;
        }
    }

    /** kc.sh runs the JVM as its child (until it execs it after a build): stop the children first. */
    private static void stopTree(long pid) {
        ProcessHandle.of(pid)
                .ifPresent(handle -> handle.descendants()
                        .toList()
                        .forEach(child -> Processes.stop(child.pid(), Duration.ofSeconds(20))));
        Processes.stop(pid, Duration.ofSeconds(20));
    }

    private static String find(Pattern pattern, String body, String what) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + what + " in the token response: " + body);
        }
        return matcher.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
