package io.ticketsuite.notification.email;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/**
 * Outbound e-mail settings ({@code notification.email.*}). The SMTP server itself is Quarkus Mailer's
 * ({@code quarkus.mailer.host}, {@code quarkus.mailer.port}, …).
 */
@ConfigMapping(prefix = "notification.email")
public interface EmailConfig {

    /** Copy notices to e-mail at all (off: the in-app inbox only, nothing is queued). */
    @WithDefault("true")
    boolean enabled();

    /** The From address of every message. */
    @WithDefault("support@ticketsuite.local")
    String from();

    /** The right-hand side of the Message-IDs: {@code <notificationId.ticketId@domain>}. */
    @WithName("message-id-domain")
    @WithDefault("ticketsuite.local")
    String messageIdDomain();

    /** Attempts per message, the first one included; after the last, notification.failed is published. */
    @WithName("max-attempts")
    @WithDefault("5")
    int maxAttempts();

    /** Wait after the first failed attempt; doubled after each further one. */
    @WithDefault("30S")
    Duration backoff();

    /** The longest wait between two attempts. */
    @WithName("max-backoff")
    @WithDefault("1H")
    Duration maxBackoff();

    /** How long one SMTP send may take before it counts as a failed attempt. */
    @WithName("send-timeout")
    @WithDefault("30S")
    Duration sendTimeout();

    /** The sender sweep: how often it looks for due messages. */
    @WithDefault("5S")
    Duration every();

    /** The sender sweep's first tick, after start-up. */
    @WithName("initial-delay")
    @WithDefault("10S")
    Duration initialDelay();

    /** Most messages claimed and sent in one transaction; the sweep loops while full batches remain. */
    @WithName("batch-size")
    @WithDefault("20")
    int batchSize();
}
