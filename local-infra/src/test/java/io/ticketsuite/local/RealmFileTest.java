package io.ticketsuite.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed realm file is what {@link RealmGenerator} makes of today's seeded staff. */
class RealmFileTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void shouldMatchTheGeneratorAndTheSeededStaff() throws IOException {
        String committed = Files.readString(ROOT.resolve(RealmGenerator.REALM_FILE), StandardCharsets.UTF_8);

        assertThat(committed)
                .as("the realm file is stale: regenerate it with "
                        + "java local-infra/src/test/java/io/ticketsuite/local/RealmGenerator.java")
                .isEqualTo(RealmGenerator.generate(ROOT));
    }

    @Test
    void shouldMakeEverySeededAgentLeadAndManagerAUserWhoseIdIsTheStaffId() {
        var users = RealmGenerator.users(ROOT);

        assertThat(users)
                .extracting(RealmGenerator.User::id, RealmGenerator.User::role)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("agent-account-management-1", "agent"),
                        org.assertj.core.groups.Tuple.tuple("agent-billing-1", "agent"),
                        org.assertj.core.groups.Tuple.tuple("lead-billing", "lead"),
                        org.assertj.core.groups.Tuple.tuple("lead-security", "lead"),
                        org.assertj.core.groups.Tuple.tuple("mgr-support", "lead"),
                        org.assertj.core.groups.Tuple.tuple("dir-engineering", "lead"),
                        org.assertj.core.groups.Tuple.tuple("c-42", "customer"),
                        org.assertj.core.groups.Tuple.tuple("admin-1", "admin"));
        RealmGenerator.rows(ROOT.resolve("routing-service"), "agent")
                .forEach(agent -> assertThat(users).anyMatch(u -> u.id().equals(agent.get("id"))));
        RealmGenerator.rows(ROOT.resolve("notification-service"), "recipient")
                .forEach(recipient -> assertThat(users).anyMatch(u -> u.id().equals(recipient.get("staff_id"))));
    }
}
