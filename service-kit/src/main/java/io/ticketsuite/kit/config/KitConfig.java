package io.ticketsuite.kit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** Configuration of the service kit ({@code ts.*}). */
@ConfigMapping(prefix = "ts")
public interface KitConfig {

    /** CloudEvents {@code source} of the events this service writes; defaults to the application name. */
    @WithDefault("${quarkus.application.name}")
    String source();

    Outbox outbox();

    Inbox inbox();

    Http http();

    Security security();

    /**
     * Per-principal rate limits, {@code ts.rate-limit.<action>.<role>=<capacity>/<period>} (e.g. {@code
     * ts.rate-limit.create-ticket.customer=20/1m}); each overrides the kit's default for that action and role.
     */
    @WithName("rate-limit")
    java.util.Map<String, java.util.Map<String, String>> rateLimit();

    interface Http {
        /** Largest request body accepted (bytes); larger declared bodies get a 413 problem+json. */
        @WithName("max-body-size")
        @WithDefault("65536")
        long maxBodySize();

        /** Longest request URI (path and query) accepted; a longer one gets a 414 problem+json. */
        @WithName("max-uri-length")
        @WithDefault("8192")
        int maxUriLength();

        /** Longest query parameter (name or value) accepted; a longer one gets a 400 problem+json. */
        @WithName("max-param-length")
        @WithDefault("1024")
        int maxParamLength();

        /** Highest page number a paged list accepts (so page × size can never overflow). */
        @WithName("max-page")
        @WithDefault("100000")
        int maxPage();

        /** Largest page size a paged list accepts. */
        @WithName("max-page-size")
        @WithDefault("200")
        int maxPageSize();
    }

    /** Which token claims name a customer (the principal id and roles are {@code quarkus.oidc.*} settings). */
    interface Security {
        @WithName("customer-id-claim")
        @WithDefault("customer_id")
        String customerIdClaim();

        @WithName("email-claim")
        @WithDefault("email")
        String emailClaim();
    }

    /** The idempotent consumers' record of processed events ({@code processed_event}). */
    interface Inbox {
        /**
         * How long a processed event's id is kept. It must be longer than the topics' retention (7 days by default):
         * a record older than the topic cannot be delivered again, so its id no longer needs remembering.
         */
        @WithDefault("8d")
        Duration retention();

        /** How often the sweep deletes expired rows (in chunks, so it never holds long locks). */
        @WithName("sweep-interval")
        @WithDefault("1h")
        Duration sweepInterval();

        /**
         * Whether this service's consumer transactions run one at a time (a transaction-scoped PostgreSQL advisory
         * lock taken first, so across replicas too). For a service whose events all update shared rows (reporting's
         * per-day aggregates): its channels' batches would otherwise lock those rows in different orders and
         * deadlock. Off by default: the other services' channels touch per-ticket rows, which each batch locks in
         * ticket order.
         */
        @WithDefault("false")
        boolean serial();
    }

    interface Outbox {
        /** Whether this instance runs an outbox relay. */
        @WithDefault("true")
        boolean enabled();

        @WithName("batch-size")
        @WithDefault("500")
        int batchSize();

        /**
         * How long an idle relay that cannot listen for commits (its DataSource is not PostgreSQL's JDBC driver)
         * waits before looking again.
         */
        @WithName("poll-interval")
        @WithDefault("20ms")
        Duration pollInterval();

        /**
         * The longest an idle relay waits for a commit to be announced (LISTEN/NOTIFY) before it looks anyway: a safety
         * net for a notification it missed, e.g. while reconnecting. Each such look is one short query.
         */
        @WithName("fallback-poll-interval")
        @WithDefault("1s")
        Duration fallbackPollInterval();

        /** Delay before the first round, so messaging and the database are wired first. */
        @WithName("initial-delay")
        @WithDefault("1s")
        Duration initialDelay();

        @WithName("max-backoff")
        @WithDefault("5s")
        Duration maxBackoff();

        @WithName("send-timeout")
        @WithDefault("30s")
        Duration sendTimeout();

        /**
         * How long sent rows are kept before they are deleted. {@code 0s} (the default) deletes a row in the
         * transaction that publishes it (the events stay on Kafka); a longer retention keeps them, stamped {@code
         * sent_at}, for inspection, at some cost in database work per event.
         */
        @WithDefault("0s")
        Duration retention();
    }
}
