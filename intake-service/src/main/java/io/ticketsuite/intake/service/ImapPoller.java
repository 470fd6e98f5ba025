package io.ticketsuite.intake.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.ticketsuite.intake.config.IntakeConfig;
import io.ticketsuite.intake.mail.EmailParser;
import io.ticketsuite.intake.mail.InboundEmail;
import io.ticketsuite.intake.mail.UnparseableEmailException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reads a mailbox over IMAP (off unless {@code intake.email.imap.host} is set): every {@code interval}, the first
 * after {@code initial-delay}, the unseen messages of {@code folder} go through the same parser and service as
 * {@code POST /api/v1/channels/email}; a message is marked seen (or deleted) only after its ticket or comment
 * committed, so a failure leaves it for the next round; one that cannot be parsed is moved to {@code error-folder},
 * counted, and the round goes on. Only one replica polls at a time: a round runs while its connection holds a
 * PostgreSQL advisory lock.
 */
@ApplicationScoped
public class ImapPoller {
    private static final Logger LOG = Logger.getLogger(ImapPoller.class);
    /** The advisory lock key of the poller (any replica holding it polls; the others skip the round). */
    static final long LOCK = 0x7473_696d_6170L; // "tsimap"

    private final IntakeConfig.Imap config;
    private final EmailIntakeService emails;
    private final Pool pool;
    private final Counter rounds;
    private final Counter failures;
    private final Counter movedToErrorFolder;
    private ScheduledExecutorService executor;

    public ImapPoller(IntakeConfig config, EmailIntakeService emails, Pool pool, MeterRegistry registry) {
        this.config = config.email().imap();
        this.emails = emails;
        this.pool = pool;
        this.rounds = Counter.builder("ts.email.imap.rounds")
                .description("IMAP poller rounds run (by the replica holding the poller lock)")
                .register(registry);
        this.failures = Counter.builder("ts.email.imap.failures")
                .description("IMAP poller rounds that failed (mailbox or database unreachable); retried next round")
                .register(registry);
        this.movedToErrorFolder = Counter.builder("ts.email.imap.unparseable")
                .description("messages the poller could not parse and moved to the error folder")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (config.host().isEmpty() || config.host().get().isBlank()) {
            LOG.info("IMAP poller off (intake.email.imap.host is not set)");
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "intake-imap-poller");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(
                this::safeRound,
                config.initialDelay().toMillis(),
                Math.max(1, config.interval().toMillis()),
                TimeUnit.MILLISECONDS);
        LOG.infof(
                "IMAP poller reads %s@%s:%d/%s every %s",
                config.user().orElse(""), config.host().get(), config.port(), config.folder(), config.interval());
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void safeRound() {
        try {
            round();
        } catch (Exception e) {
            failures.increment();
            LOG.warnf("IMAP poller round failed (retried next round): %s", e.toString());
        }
    }

    /** One round, if this replica gets the poller lock; returns how many messages it took in (or -1 without it). */
    public int round() throws Exception {
        SqlConnection connection = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            boolean locked = connection
                    .preparedQuery("SELECT pg_try_advisory_lock($1)")
                    .execute(Tuple.of(LOCK))
                    .await()
                    .atMost(Duration.ofSeconds(10))
                    .iterator()
                    .next()
                    .getBoolean(0);
            if (!locked) {
                return -1;
            }
            try {
                rounds.increment();
                return readMailbox();
            } finally {
                connection
                        .preparedQuery("SELECT pg_advisory_unlock($1)")
                        .execute(Tuple.of(LOCK))
                        .await()
                        .atMost(Duration.ofSeconds(10));
            }
        } finally {
            connection.closeAndAwait();
        }
    }

    private int readMailbox() throws Exception {
        Properties props = new Properties();
        String protocol = config.ssl() ? "imaps" : "imap";
        props.setProperty("mail." + protocol + ".connectiontimeout", "10000");
        props.setProperty("mail." + protocol + ".timeout", "30000");
        // reading a message must not mark it seen: only a committed intake does
        props.setProperty("mail." + protocol + ".peek", "true");
        Store store = Session.getInstance(props).getStore(protocol);
        store.connect(
                config.host().orElseThrow(),
                config.port(),
                config.user().orElse(""),
                config.password().orElse(""));
        int taken = 0;
        try {
            Folder folder = store.getFolder(config.folder());
            folder.open(Folder.READ_WRITE);
            try {
                Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                for (Message message : Arrays.copyOf(unseen, Math.min(unseen.length, config.batch()))) {
                    if (take(store, folder, message)) {
                        taken++;
                    }
                }
            } finally {
                folder.close(true); // expunges the messages deleted or moved this round
            }
        } finally {
            store.close();
        }
        return taken;
    }

    /** Takes one message in; false when it was unparseable (moved to the error folder). */
    private boolean take(Store store, Folder folder, Message message) throws Exception {
        byte[] raw = raw(message);
        InboundEmail email;
        try {
            email = EmailParser.parse(raw);
        } catch (UnparseableEmailException e) {
            LOG.warnf("moving an unparseable message to %s: %s", config.errorFolder(), e.getMessage());
            Folder errors = store.getFolder(config.errorFolder());
            if (!errors.exists()) {
                errors.create(Folder.HOLDS_MESSAGES);
            }
            folder.copyMessages(new Message[] {message}, errors);
            message.setFlag(Flags.Flag.DELETED, true);
            emails.rejected();
            movedToErrorFolder.increment();
            return false;
        }
        // the same transaction as the API's, on a Vert.x context; a failure here ends the round, the message unseen
        try {
            VertxContextSupport.subscribeAndAwait(() -> emails.receive(email));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        message.setFlag(config.deleteAfterIntake() ? Flags.Flag.DELETED : Flags.Flag.SEEN, true);
        return true;
    }

    private static byte[] raw(Message message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
