package io.ticketsuite.reporting.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** reporting-service settings ({@code reporting.*}). */
@ConfigMapping(prefix = "reporting")
public interface ReportingConfig {

    /** The report window when {@code from} is not given: {@code to} minus this. */
    @WithName("default-window")
    @WithDefault("30d")
    Duration defaultWindow();

    /** How many categories and recurring issues the summary's top issues list. */
    @WithName("top-issues")
    @WithDefault("10")
    int topIssues();

    Metrics metrics();

    Dashboard dashboard();

    /** The dashboard's OIDC sign-in (authorization code + PKCE in the browser, a public client). */
    interface Dashboard {
        /** The public client of the identity provider the page signs leads in with. */
        @WithName("client-id")
        @WithDefault("ticketsuite-dashboard")
        String clientId();

        /**
         * The issuer the page signs in with; unset: {@code quarkus.oidc.auth-server-url} (the issuer whose tokens
         * the service accepts), else {@code quarkus.oidc.token.issuer}.
         */
        Optional<String> issuer();

        /** The scopes the page asks for. */
        @WithDefault("openid profile")
        String scope();
    }

    Targets targets();

    interface Metrics {
        /** How often the gauges (open tickets, clocks at risk) are recomputed from the read model. */
        @WithDefault("15s")
        Duration refresh();
    }

    /** The contract's KPI targets; each KPI of the summary says whether it meets its target. */
    interface Targets {
        /** First-contact resolution rate, at least this percent. */
        @WithName("fcr-percent")
        @WithDefault("40")
        double fcrPercent();

        /** Mean resolution time, at most this. */
        @WithName("mean-resolution")
        @WithDefault("24h")
        Duration meanResolution();

        /** CSAT average (1..5), at least this. */
        @WithName("csat-average")
        @WithDefault("4.5")
        double csatAverage();

        /** Reopen rate, at most this percent. */
        @WithName("reopen-percent")
        @WithDefault("5")
        double reopenPercent();

        /** SLA compliance (both clocks), at least this percent. */
        @WithName("sla-compliance-percent")
        @WithDefault("95")
        double slaCompliancePercent();

        /** Escalation rate, at most this percent. */
        @WithName("escalation-percent")
        @WithDefault("8")
        double escalationPercent();
    }
}
