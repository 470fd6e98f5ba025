package io.ticketsuite.triage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** triage-service settings ({@code triage.*}). */
@ConfigMapping(prefix = "triage")
public interface TriageConfig {
    /**
     * File path of a YAML rule pack to use instead of the default pack shipped with triage-classifier. A
     * malformed pack stops the service at start with every problem listed. A pack loaded later through the API
     * (stored in the database) takes over; a file whose version is not stored yet is stored as the newest.
     */
    @WithName("rule-pack")
    Optional<String> rulePack();

    /** Recurring-issue detection. */
    Recurring recurring();

    /** {@code triage.recurring.*}. */
    interface Recurring {
        /** Compare each new ticket with the recent ones; false switches detection off. */
        @WithDefault("true")
        boolean enabled();

        /** How far back a new ticket is compared (by the tickets' creation time). */
        @WithDefault("P7D")
        Duration window();

        /**
         * Cluster sizes at which {@code issue.recurring-detected} is published, ascending; the first one is the
         * detection threshold. A cluster is announced once per size it reaches, never on every ticket.
         */
        @WithName("announce-sizes")
        @WithDefault("3,5,10,20,50")
        List<Integer> announceSizes();

        /**
         * How much of a new ticket's weighted MoreLikeThis query an older ticket must match to count as the same
         * issue: its score divided by the new ticket's score against itself, in (0, 1].
         */
        @WithName("min-similarity")
        @WithDefault("0.35")
        double minSimilarity();

        /** Analysed terms two tickets must share at least (one shared word is never enough). */
        @WithName("min-shared-terms")
        @WithDefault("2")
        int minSharedTerms();

        /** The most interesting terms of a new ticket that make up its MoreLikeThis query. */
        @WithName("max-query-terms")
        @WithDefault("25")
        int maxQueryTerms();

        /**
         * How often each replica sweeps the recurring tables: clusters no ticket joined within the {@link #window()}
         * and tickets older than the window that belong to no remaining cluster are deleted, and this replica's
         * index forgets them. The first sweep runs a minute after start.
         */
        @WithName("purge-every")
        @WithDefault("10m")
        Duration purgeEvery();

        /** Rows deleted per statement (and transaction) of the sweep; the sweep repeats until a chunk comes back short. */
        @WithName("purge-batch")
        @WithDefault("500")
        int purgeBatch();
    }
}
