package io.ticketsuite.notification.email;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Runs the e-mail sender sweep every {@code notification.email.every} (a Vert.x periodic timer whose first tick
 * comes after {@code notification.email.initial-delay}); a tick still running makes the next one skip. Each tick
 * drains what is due, then refreshes the queue gauge. What to send lives in the database, so stopping, restarting or
 * running several replicas never loses nor repeats an attempt.
 */
@ApplicationScoped
public class EmailScheduler {
    private static final Logger LOG = Logger.getLogger(EmailScheduler.class);

    private final Vertx vertx;
    private final EmailSender sender;
    private final EmailConfig config;
    private final AtomicBoolean busy = new AtomicBoolean();
    private long timerId = -1;

    public EmailScheduler(Vertx vertx, EmailSender sender, EmailConfig config) {
        this.vertx = vertx;
        this.sender = sender;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    synchronized void start() {
        if (timerId >= 0) {
            return;
        }
        timerId = vertx.setPeriodic(
                Math.max(1, config.initialDelay().toMillis()),
                Math.max(1, config.every().toMillis()),
                id -> tick());
        LOG.debugf("e-mail sender started, every %s", config.every());
    }

    synchronized void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    private void tick() {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        // Hibernate Reactive Panache needs a safe duplicated context of its own per round.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> sender.sendDue()
                .chain(results -> sender.refreshQueueDepth())
                .subscribe()
                .with(pending -> busy.set(false), failure -> {
                    LOG.warnf("e-mail sender round failed, will retry: %s", failure.toString());
                    busy.set(false);
                }));
    }
}
