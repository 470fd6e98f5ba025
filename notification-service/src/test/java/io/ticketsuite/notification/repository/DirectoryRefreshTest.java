package io.ticketsuite.notification.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.notification.RecipientRole;
import io.ticketsuite.notification.StaffMember;
import io.ticketsuite.testkit.TestInfrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The staff directory is read whole and kept for {@code notification.directory-refresh} (2 s in tests): a row added
 * to the table is not seen by the next event at once, then is seen (directory and e-mail address) once the time has
 * passed; a row removed likewise goes.
 */
@QuarkusTest
@QuarkusTestResource(
        value = TestInfrastructure.class,
        initArgs = @ResourceArg(name = "service", value = "notification"))
class DirectoryRefreshTest {
    private static final Duration REFRESH = Duration.ofSeconds(2);

    @Inject
    RecipientRepository directory;

    @Inject
    Pool pool;

    @Test
    void shouldReadTheDirectoryAgainOnlyOnceTheRefreshTimeHasPassed() throws Throwable {
        String staffId = "lead-" + UUID.randomUUID().toString().substring(0, 8);
        StaffMember added = new StaffMember(staffId, "Robin Vale", RecipientRole.TEAM_LEAD, "team-" + staffId);
        // whatever an earlier read kept is out of date after the refresh time: this read goes to the table
        Thread.sleep(REFRESH.toMillis() + 100);
        assertThat(read(directory::directory)).extracting(StaffMember::id).contains("mgr-support", "dir-support");
        long readAt = System.nanoTime();
        pool.preparedQuery("INSERT INTO recipient (staff_id, name, role, team_id, email) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(staffId, added.name(), "TEAM_LEAD", added.teamId(), " robin.vale@example.com "))
                .await()
                .indefinitely();

        List<StaffMember> kept = read(directory::directory);
        String keptEmail = read(() -> directory.emailOf(staffId));
        if (System.nanoTime() - readAt < REFRESH.toNanos() / 2) { // a machine slower than that proves nothing here
            assertThat(kept).as("kept, not read again").doesNotContain(added);
            assertThat(keptEmail).isNull();
        }
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(read(directory::directory)).contains(added);
                    assertThat(read(() -> directory.emailOf(staffId))).isEqualTo("robin.vale@example.com");
                });

        pool.preparedQuery("DELETE FROM recipient WHERE staff_id = $1")
                .execute(Tuple.of(staffId))
                .await()
                .indefinitely();
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(read(directory::directory)).doesNotContain(added);
                    assertThat(read(() -> directory.emailOf(staffId))).isNull();
                });
    }

    private static <T> T read(Supplier<Uni<T>> query) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(query::get));
    }
}
