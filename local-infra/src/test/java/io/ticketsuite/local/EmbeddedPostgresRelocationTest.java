package io.ticketsuite.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clone in {@code /root} (or a {@code mktemp -d}, mode 700) run as root: PostgreSQL runs as {@code nobody}, who
 * cannot enter such a folder, so initdb failed to load its own libraries. The server's binaries and data now move
 * to a folder {@code nobody} can reach.
 */
class EmbeddedPostgresRelocationTest {

    @Test
    void aFolderIsTraversableOnlyWhenEveryExistingAncestorLetsOthersThrough(@TempDir Path tmp) throws Exception {
        Path open = Files.createDirectories(tmp.resolve("open"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path closed = Files.createDirectories(tmp.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));

        assertThat(EmbeddedPostgres.traversableByOthers(open.resolve("not-yet/pg")))
                .isTrue();
        assertThat(EmbeddedPostgres.traversableByOthers(closed.resolve("pg"))).isFalse();
        assertThat(EmbeddedPostgres.traversableByOthers(closed.resolve("deeper/still/pg")))
                .isFalse();
    }

    @Test
    void asRootAServerRequestedInAPrivateFolderIsRelocatedAndServes(@TempDir Path tmp) throws Exception {
        assumeTrue(Processes.isRoot(), "the relocation only concerns root (PostgreSQL runs as nobody then)");
        Path privateFolder = Files.createDirectories(tmp.resolve("private"));
        Files.setPosixFilePermissions(privateFolder, PosixFilePermissions.fromString("rwx------"));
        Path home = privateFolder.resolve("pg");

        EmbeddedPostgres server = new EmbeddedPostgres(home, Processes.freePort());
        assertThat(server.home()).startsWithRaw(EmbeddedPostgres.RELOCATION_BASE);
        assertThat(server.dataDir()).startsWithRaw(EmbeddedPostgres.RELOCATION_BASE);
        // the same request finds the same folder again (data survives a restart of the suite)
        assertThat(new EmbeddedPostgres(home, server.port()).home()).isEqualTo(server.home());
        try {
            server.start();
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), EmbeddedPostgres.USER, "");
                    ResultSet rs = c.createStatement().executeQuery("SELECT current_setting('data_directory')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(server.dataDir().toString());
            }
            server.kill();
            assertThat(Processes.isListening("127.0.0.1", server.port())).isFalse();
            server.start(); // recovers after the crash
            assertThat(server.isRunning()).isTrue();
        } finally {
            server.stop();
            server.deleteRelocated();
        }
        assertThat(server.home().getParent()).doesNotExist();
    }
}
