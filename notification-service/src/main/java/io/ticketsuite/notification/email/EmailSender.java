package io.ticketsuite.notification.email;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.NotificationDelivered;
import io.ticketsuite.events.NotificationFailed;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends due e-mails, each attempt by exactly one sender however many replicas run: one transaction claims a batch
 * ({@code FOR UPDATE SKIP LOCKED}), sends it over SMTP, and records each outcome with its event in the kit's
 * outbox — sent: {@code SENT} and notification.delivered (channel {@code email}); failed with attempts left: the
 * next attempt after an exponential backoff; failed for the last time: {@code FAILED} and notification.failed (the
 * in-app copy stays). The Message-ID was fixed when the message was queued, so a retry sends the same message.
 */
@ApplicationScoped
public class EmailSender {
    public static final String CHANNEL = "email";
    private static final Logger LOG = Logger.getLogger(EmailSender.class);
    private static final int MAX_ERROR = 500;

    private final EmailOutboxRepository outbox;
    private final ReactiveMailer mailer;
    private final OutboxWriter events;
    private final EmailMetrics metrics;
    private final EmailConfig config;
    private final Clock clock;

    public EmailSender(
            EmailOutboxRepository outbox,
            ReactiveMailer mailer,
            OutboxWriter events,
            EmailMetrics metrics,
            EmailConfig config,
            Clock clock) {
        this.outbox = outbox;
        this.mailer = mailer;
        this.events = events;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /** What became of one message in a round. */
    public enum Outcome {
        SENT,
        RETRY,
        FAILED
    }

    /** One message's outcome, for the metrics counted after commit. */
    public record Result(String kind, Outcome outcome) {}

    /** Sends every due message, batch after batch (one transaction each), until none is due; returns the results. */
    public Uni<List<Result>> sendDue() {
        return sendBatch().chain(results -> {
            if (results.size() < config.batchSize()) {
                return Uni.createFrom().item(results);
            }
            return sendDue().map(more -> {
                List<Result> all = new ArrayList<>(results);
                all.addAll(more);
                return all;
            });
        });
    }

    /** Claims, sends and records up to one batch in one transaction; metrics are counted once it committed. */
    public Uni<List<Result>> sendBatch() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> outbox.claimDue(now, config.batchSize())
                        .chain(due -> due.isEmpty() ? Uni.createFrom().item(List.<Result>of()) : sendAll(due)))
                .invoke(results -> results.forEach(r -> {
                    switch (r.outcome()) {
                        case SENT -> metrics.sent(r.kind());
                        case RETRY -> metrics.retried(r.kind());
                        case FAILED -> metrics.failed(r.kind());
                    }
                }));
    }

    /** Refreshes the queue-depth gauge. */
    public Uni<Long> refreshQueueDepth() {
        return Panache.withSession(() -> outbox.pending()).invoke(metrics::queueDepth);
    }

    private Uni<List<Result>> sendAll(List<EmailOutboxEntry> due) {
        // the SMTP client may complete elsewhere: come back to the session's context before touching it again
        Context context = Vertx.currentContext();
        List<Uni<Throwable>> sends = due.stream().map(this::send).toList();
        Uni<List<Throwable>> all = Uni.join().all(sends).andFailFast();
        if (context != null) {
            all = all.emitOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return all.chain(failures -> {
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            List<Result> results = new ArrayList<>();
            List<EventData> announced = new ArrayList<>();
            for (int i = 0; i < due.size(); i++) {
                results.add(record(due.get(i), failures.get(i), at, announced));
            }
            return events.appendAll(announced).replaceWith(results);
        });
    }

    /** One SMTP attempt; emits the failure, or null when the server accepted the message. */
    private Uni<Throwable> send(EmailOutboxEntry e) {
        Mail mail = Mail.withText(e.toAddress, e.subject, e.body)
                .setFrom(config.from())
                .addHeader("Message-ID", e.messageId)
                .addHeader("Auto-Submitted", "auto-generated")
                .addHeader("X-TicketSuite-Ticket", e.ticketId.toString());
        return mailer.send(mail)
                .ifNoItem()
                .after(config.sendTimeout())
                .fail()
                .onItem()
                .transform(ignored -> (Throwable) null)
                .onFailure()
                .recoverWithItem(failure -> failure);
    }

    private Result record(EmailOutboxEntry e, Throwable failure, Instant at, List<EventData> announced) {
        e.attempts++;
        if (failure == null) {
            e.status = EmailOutboxEntry.SENT;
            e.sentAt = at;
            e.lastError = null;
            announced.add(new NotificationDelivered(
                    e.ticketId, e.notificationId, e.toAddress, e.recipientRole, CHANNEL, e.kind, e.sourceEventId, at));
            return new Result(e.kind, Outcome.SENT);
        }
        e.lastError = describe(failure);
        if (e.attempts >= config.maxAttempts()) {
            e.status = EmailOutboxEntry.FAILED;
            e.failedAt = at;
            LOG.warnf("e-mail %s (%s) given up after %d attempts: %s", e.id, e.kind, e.attempts, e.lastError);
            announced.add(new NotificationFailed(
                    e.ticketId,
                    e.notificationId,
                    e.toAddress,
                    CHANNEL,
                    e.kind,
                    "smtp: " + e.lastError + " (after " + e.attempts + " attempts)",
                    at));
            return new Result(e.kind, Outcome.FAILED);
        }
        e.nextAttemptAt = at.plus(EmailFormat.backoff(e.attempts, config.backoff(), config.maxBackoff()));
        LOG.debugf("e-mail %s attempt %d failed, next at %s: %s", e.id, e.attempts, e.nextAttemptAt, e.lastError);
        return new Result(e.kind, Outcome.RETRY);
    }

    private static String describe(Throwable failure) {
        String text =
                failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }
}
