package io.ticketsuite.notification.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** Outbound webhooks and the chat notice ({@code notification.webhooks.*}). */
@ConfigMapping(prefix = "notification.webhooks")
public interface WebhookConfig {

    /** Whether this instance runs the sender sweep (queueing happens regardless). */
    @WithName("sender-enabled")
    @WithDefault("true")
    boolean senderEnabled();

    /** Delay before the sweep's first tick, so messaging and the database are wired first. */
    @WithName("initial-delay")
    @WithDefault("5s")
    Duration initialDelay();

    /** How long an idle sweep waits before looking again. */
    @WithName("poll-interval")
    @WithDefault("1s")
    Duration pollInterval();

    /** Deliveries claimed (and sent concurrently) per round. */
    @WithName("batch-size")
    @WithDefault("50")
    int batchSize();

    @WithName("connect-timeout")
    @WithDefault("5s")
    Duration connectTimeout();

    /** Whole-request timeout (the Standard Webhooks recommendation is 15–30 s). */
    @WithName("request-timeout")
    @WithDefault("15s")
    Duration requestTimeout();

    /** Wait after the first failed attempt; doubled after each further failure, up to {@link #maxBackoff()}. */
    @WithName("first-backoff")
    @WithDefault("30s")
    Duration firstBackoff();

    @WithName("max-backoff")
    @WithDefault("1h")
    Duration maxBackoff();

    /** Attempts per delivery before it fails for good (defaults span about five hours). */
    @WithName("max-attempts")
    @WithDefault("12")
    int maxAttempts();

    /** A subscription is disabled after this many consecutive deliveries failed for good. */
    @WithName("disable-after")
    @WithDefault("5")
    int disableAfter();

    Chat chat();

    /** The chat notice: Slack-compatible incoming webhook for P1 tickets and SLA breaches. */
    interface Chat {
        /** The incoming-webhook URL; no notices when unset. */
        Optional<String> url();

        /** The URL when one is set and not blank: only then are chat notices made. */
        default Optional<String> target() {
            return url().filter(u -> !u.isBlank());
        }
    }
}
