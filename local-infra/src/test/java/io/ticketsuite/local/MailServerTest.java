package io.ticketsuite.local;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local mail server as {@code ./suite up} runs it: mail sent over SMTP is read back over IMAP, no password. */
class MailServerTest {

    @Test
    void shouldDeliverMailSentOverSmtpToAnImapMailboxAnyPasswordOpens(@TempDir Path home) throws Exception {
        MailServer mail = new MailServer(home, Processes.freePort(), Processes.freePort(), Processes.freePort());
        mail.start(Duration.ofSeconds(30));
        try {
            assertThat(mail.isRunning()).isTrue();
            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
            Session session = Session.getInstance(props);
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("ann@example.com"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(MailServer.SUPPORT_ADDRESS));
            message.setSubject("Printer on fire", "UTF-8");
            message.setText("Please help.", "UTF-8");
            Transport.send(message);

            try (Store store = session.getStore("imap")) {
                store.connect("127.0.0.1", mail.imapPort(), MailServer.SUPPORT_ADDRESS, "any password");
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(inbox.getMessageCount()).isEqualTo(1);
                assertThat(inbox.getMessage(1).getSubject()).isEqualTo("Printer on fire");
                inbox.close(false);
            }
        } finally {
            assertThat(mail.stop()).isTrue();
        }
        assertThat(Processes.isListening("127.0.0.1", mail.smtpPort())).isFalse();
        assertThat(mail.isRunning()).isFalse();
    }

    @Test
    void shouldLeaveNoImapSessionBehindWhenItWaitsForTheServer(@TempDir Path home) throws Exception {
        // a bare connect-and-close to GreenMail's IMAP port leaves its handler thread spinning on the closed socket
        // (a core, for as long as the server runs); the readiness probe must log out instead
        MailServer mail = new MailServer(home, Processes.freePort(), Processes.freePort(), Processes.freePort());
        mail.start(Duration.ofSeconds(30));
        try {
            long pid = Processes.readPid(mail.pidFile()).orElseThrow();
            String session = "\"imap:127.0.0.1:" + mail.imapPort() + "<-";
            assertThat(threads(pid)).contains("\"imap:127.0.0.1:" + mail.imapPort() + "\"");
            Thread.sleep(1_000);
            assertThat(threads(pid)).doesNotContain(session);

            // the check itself can fail: a bare connect leaves exactly such a session
            try (java.net.Socket bare = new java.net.Socket("127.0.0.1", mail.imapPort())) {
                assertThat(bare.isConnected()).isTrue();
            }
            String after = "";
            for (int i = 0; i < 50 && !after.contains(session); i++) {
                Thread.sleep(200);
                after = threads(pid);
            }
            assertThat(after).contains(session);
        } finally {
            mail.stop();
        }
    }

    private static String threads(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Processes.run(List.of(jcmd.toString(), Long.toString(pid), "Thread.print"), Duration.ofSeconds(30));
    }
}
