package io.ticketsuite.intake.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;

/** intake-service settings ({@code intake.*}). */
@ConfigMapping(prefix = "intake")
public interface IntakeConfig {
    /** How long after resolution a ticket may be reopened. */
    @WithName("reopen-window")
    @WithDefault("14d")
    Duration reopenWindow();

    /**
     * How long an Idempotency-Key is remembered: within it a retry replays the first ticket; after it (plus at most
     * one {@link #idempotencyKeySweep()} period) the key is forgotten and may create a new ticket.
     */
    @WithName("idempotency-key-ttl")
    @WithDefault("24h")
    Duration idempotencyKeyTtl();

    /** How often expired Idempotency-Keys are deleted. */
    @WithName("idempotency-key-sweep")
    @WithDefault("10m")
    Duration idempotencyKeySweep();

    /**
     * How long a RESOLVED ticket waits for the customer: without a reply it is closed by the auto-close sweep once
     * this has passed since resolution.
     */
    @WithName("verification-window")
    @WithDefault("72h")
    Duration verificationWindow();

    /** How often the auto-close sweep runs. */
    @WithName("auto-close-sweep")
    @WithDefault("1m")
    Duration autoCloseSweep();

    /** How long after start the first auto-close round runs. */
    @WithName("auto-close-delay")
    @WithDefault("30s")
    Duration autoCloseDelay();

    /** How many tickets one auto-close round closes at most (the rest wait for the next round). */
    @WithName("auto-close-batch")
    @WithDefault("500")
    int autoCloseBatch();

    /** The resolution categories a ticket may be resolved with (lower case, {@code resolution.category}). */
    @WithName("resolution-categories")
    @WithDefault("fixed,workaround,answered,duplicate,not_reproducible,wont_fix,no_response")
    List<String> resolutionCategories();

    /** Email intake ({@code intake.email.*}). */
    Email email();

    /** Monitoring alerts ({@code intake.monitoring.*}). */
    Monitoring monitoring();

    interface Email {
        /** The type of a ticket opened by an email. */
        @WithName("ticket-type")
        @WithDefault("SUPPORT")
        io.ticketsuite.events.TicketType ticketType();

        /** Tags every ticket opened by an email gets. */
        @WithDefault("email")
        List<String> tags();

        /** The IMAP poller: off unless {@code intake.email.imap.host} is set. */
        Imap imap();
    }

    interface Imap {
        /** The IMAP server; without it the poller is off. */
        java.util.Optional<String> host();

        @WithDefault("143")
        int port();

        /** IMAP over TLS from the first byte (imaps, usually port 993). */
        @WithDefault("false")
        boolean ssl();

        java.util.Optional<String> user();

        java.util.Optional<String> password();

        /** The folder read for unseen messages. */
        @WithDefault("INBOX")
        String folder();

        /** Where a message that cannot be parsed is moved (created if missing). */
        @WithName("error-folder")
        @WithDefault("intake-errors")
        String errorFolder();

        /** How often the mailbox is read. */
        @WithDefault("30s")
        Duration interval();

        /** When the first read runs after start. */
        @WithName("initial-delay")
        @WithDefault("15s")
        Duration initialDelay();

        /** Most messages taken in one round. */
        @WithDefault("50")
        int batch();

        /** Delete a message once its ticket or comment committed (else it is only marked seen). */
        @WithName("delete-after-intake")
        @WithDefault("false")
        boolean deleteAfterIntake();
    }

    interface Monitoring {
        /** The internal customer monitoring tickets are opened for. */
        @WithName("customer-id")
        @WithDefault("monitoring")
        String customerId();

        @WithName("customer-tier")
        @WithDefault("ENTERPRISE")
        io.ticketsuite.events.CustomerTier customerTier();

        /** The ticket type of an alert. */
        @WithName("ticket-type")
        @WithDefault("SUPPORT")
        io.ticketsuite.events.TicketType ticketType();

        /**
         * Urgency and impact per {@code severity} label (lower case), as {@code URGENCY/IMPACT} with LOW, MEDIUM or
         * HIGH, e.g. {@code intake.monitoring.severity.critical=HIGH/HIGH}.
         */
        java.util.Map<String, String> severity();

        /** Urgency and impact of an alert whose severity is missing or not in the map. */
        @WithName("default-severity")
        @WithDefault("MEDIUM/MEDIUM")
        String defaultSeverity();

        /** Whether a {@code resolved} notification resolves the ticket (else it only comments). */
        @WithName("resolve-on-resolved")
        @WithDefault("true")
        boolean resolveOnResolved();

        /** The resolution category of a ticket resolved by its alert (one of intake.resolution-categories). */
        @WithName("resolution-category")
        @WithDefault("fixed")
        String resolutionCategory();
    }
}
