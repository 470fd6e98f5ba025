package io.ticketsuite.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real local mail server: GreenMail standalone (Maven Central's {@code com.icegreen:greenmail-standalone}, one
 * self-contained jar) run as its own JVM, SMTP and IMAP on 127.0.0.1 with authentication disabled — any user and
 * password log in, and a mailbox is made for every address mail is sent to. The suite sends to it (notification
 * service) and reads from it (intake's IMAP poller); a person reads what the suite sent with any IMAP client.
 * Mail lives in memory: a restart empties every mailbox.
 */
public final class MailServer {
    public static final String VERSION = "2.1.5";
    /** The mailbox the suite reads tickets from, and the address its mail comes from. */
    public static final String SUPPORT_ADDRESS = "support@ticketsuite.local";

    private final Path home;
    private final int smtpPort;
    private final int imapPort;
    private final int apiPort;
    private boolean detached;
    private Process process;

    /** {@code apiPort}: GreenMail's own small HTTP API (its configuration, a purge of all mail) on 127.0.0.1. */
    public MailServer(Path home, int smtpPort, int imapPort, int apiPort) {
        this.home = home.toAbsolutePath();
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.apiPort = apiPort;
    }

    /** Runs the server in a session of its own, so it outlives {@code ./suite}'s terminal. */
    public MailServer detached() {
        this.detached = true;
        return this;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    public int apiPort() {
        return apiPort;
    }

    public Path logFile() {
        return home.resolve("greenmail.log");
    }

    public Path pidFile() {
        return home.resolve("greenmail.pid");
    }

    public boolean isRunning() {
        return Processes.readPid(pidFile()).map(Processes::isAlive).orElse(false)
                && Processes.isListening("127.0.0.1", smtpPort);
    }

    /** Starts the server and waits until SMTP and IMAP accept connections. */
    public MailServer start(Duration timeout) {
        for (int port : new int[] {smtpPort, imapPort, apiPort}) {
            if (Processes.isListening("127.0.0.1", port)) {
                throw new IllegalStateException("port " + port + " is already taken: cannot start the mail server "
                        + "there (another GreenMail or mail server listens on it)");
            }
        }
        try {
            Files.createDirectories(home);
            List<String> command = new ArrayList<>();
            if (detached) {
                command.add("setsid");
            }
            command.addAll(List.of(
                    Processes.javaExecutable(),
                    "-Xmx128m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-Dgreenmail.hostname=127.0.0.1",
                    "-Dgreenmail.smtp.port=" + smtpPort,
                    "-Dgreenmail.imap.port=" + imapPort,
                    "-Dgreenmail.api.port=" + apiPort,
                    "-Dgreenmail.auth.disabled",
                    "-Dgreenmail.verbose=false",
                    // names the server's home on its command line, so leftovers of a test run can be found
                    "-Dticketsuite.mail.home=" + home,
                    "-jar",
                    jar().toString()));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
            Files.writeString(pidFile(), Long.toString(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(timeout);
        return this;
    }

    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(answers(smtpPort, "QUIT", "221") && answers(imapPort, "A1 LOGOUT", "A1 "))) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(
                        "the mail server exited (code " + process.exitValue() + "); see " + logFile());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the mail server did not listen on " + smtpPort + "/" + imapPort
                        + " within " + timeout + "; see " + logFile());
            }
            Processes.sleep(100);
        }
    }

    /**
     * Whether the server on {@code port} greets, and answers {@code goodbye} with a line starting {@code answer}. The
     * probe speaks the protocol on purpose: a bare connect-and-close leaves GreenMail 2.1.5's IMAP handler spinning on
     * the closed socket for as long as the server runs (a whole core, measured: one thread per such probe).
     */
    static boolean answers(int port, String goodbye, String answer) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(2_000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            if (in.readLine() == null) {
                return false;
            }
            OutputStream out = socket.getOutputStream();
            out.write((goodbye + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(answer)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the server (mail in it is gone); true if it was running. */
    public boolean stop() {
        boolean stopped = Processes.readPid(pidFile())
                .map(pid -> Processes.stop(pid, Duration.ofSeconds(10)))
                .orElse(false);
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stopped;
    }

    /** The standalone jar Maven resolved for local-infra (its path is written at build time), else ~/.m2's. */
    static Path jar() throws IOException {
        try (InputStream in = MailServer.class.getResourceAsStream("/ticketsuite/greenmail.jar")) {
            if (in != null) {
                Path jar = Path.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
                if (Files.exists(jar)) {
                    return jar;
                }
            }
        }
        Path jar = Path.of(System.getProperty("user.home"), ".m2", "repository")
                .resolve("com/icegreen/greenmail-standalone/" + VERSION + "/greenmail-standalone-" + VERSION + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("the GreenMail jar " + jar + " is missing: build local-infra with Maven "
                    + "(it resolves com.icegreen:greenmail-standalone:" + VERSION + ")");
        }
        return jar;
    }
}
