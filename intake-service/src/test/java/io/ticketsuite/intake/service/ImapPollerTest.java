package io.ticketsuite.intake.service;

import static io.ticketsuite.intake.Api.asAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.ticketsuite.intake.rest.EmailTestIds;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The IMAP poller against a real IMAP server (GreenMail on a free port) and the real database. */
@QuarkusTest
@TestProfile(ImapPollerTest.WithMailbox.class)
class ImapPollerTest {
    static GreenMail greenMail;
    static final String MAILBOX = "support@ticketsuite.local";

    /** Starts GreenMail (SMTP + IMAP, free ports) and points the poller at it, with a long first delay. */
    public static class Mailbox implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                new ServerSetup(3143, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()
            });
            greenMail.start();
            greenMail.setUser(MAILBOX, MAILBOX, "secret");
            return Map.of(
                    "intake.email.imap.host", "127.0.0.1",
                    "intake.email.imap.port",
                            Integer.toString(greenMail.getImap().getPort()),
                    "intake.email.imap.user", MAILBOX,
                    "intake.email.imap.password", "secret",
                    // the test runs the rounds itself
                    "intake.email.imap.initial-delay", "1h");
        }

        @Override
        public void stop() {
            if (greenMail != null) {
                greenMail.stop();
            }
        }
    }

    public static class WithMailbox implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Mailbox.class));
        }
    }

    @Inject
    ImapPoller poller;

    private static void deliver(String raw) throws Exception {
        MimeMessage message = new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
        greenMail.getUserManager().getUser(MAILBOX).deliver(message);
    }

    private static Store store() throws Exception {
        Properties props = new Properties();
        Store store = Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", greenMail.getImap().getPort(), MAILBOX, "secret");
        return store;
    }

    @Test
    void shouldTurnUnseenMailIntoTicketsOnceAndMoveGarbageToTheErrorFolder() throws Exception {
        String from = "imap-" + UUID.randomUUID() + "@example.com";
        deliver("""
                From: %s
                To: support@ticketsuite.local
                Subject: =?UTF-8?Q?Dr=C3=BCcker_kaputt?=
                Message-ID: <imap-%s@example.com>

                The printer is broken.
                """.formatted(from, UUID.randomUUID()));
        deliver("""
                From: broken@example.com
                Subject: broken MIME
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="never-there"

                garbage without any boundary
                """);

        assertThat(poller.round()).isEqualTo(1);

        asAgent()
                .get("/api/v1/tickets?customer=" + EmailTestIds.customerOf(from))
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].subject", equalTo("Drücker kaputt"))
                .body("items[0].channel", equalTo("EMAIL"));

        Store store = store();
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] left = inbox.getMessages();
            assertThat(left).hasSize(1);
            assertThat(left[0].isSet(Flags.Flag.SEEN)).isTrue();
            inbox.close(false);
            Folder errors = store.getFolder("intake-errors");
            errors.open(Folder.READ_ONLY);
            assertThat(errors.getMessageCount()).isEqualTo(1);
            assertThat(GreenMailUtil.getBody(errors.getMessage(1))).contains("garbage");
            errors.close(false);
        } finally {
            store.close();
        }

        // nothing unseen is left: the next round takes nothing in, and no second ticket appears
        assertThat(poller.round()).isZero();
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> asAgent()
                        .get("/api/v1/tickets?customer=" + EmailTestIds.customerOf(from))
                        .then()
                        .body("total", equalTo(1)));
    }
}
