package io.ticketsuite.kit.messaging;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Why a consumer's transaction failed: because of the environment ({@link #TRANSIENT}: the database or the broker
 * is unavailable, a connection was lost, a lock or serialization conflict, a timeout — retrying the same record
 * later succeeds) or because of the record ({@link #PERMANENT}: it cannot be decoded, fails validation, or the
 * handler fails on it deterministically — only the dead-letter topic can take it).
 */
public enum FailureKind {
    TRANSIENT,
    PERMANENT;

    /**
     * SQLSTATE codes that describe the environment, not the record: connection exceptions (class 08), serialization
     * failure and deadlock (40001, 40P01), lock not available (55P03), operator intervention / shutdown (57P01–57P03,
     * 57014 query cancelled), insufficient resources (class 53), system errors (class 58).
     */
    private static final Set<String> TRANSIENT_STATES =
            Set.of("40001", "40P01", "55P03", "57P01", "57P02", "57P03", "57014");

    private static final Set<String> TRANSIENT_STATE_CLASSES = Set.of("08", "53", "58");

    /** Messages of exceptions (often without a type of their own) that say a connection or a pool failed. */
    private static final String[] TRANSIENT_MESSAGES = {
        "connection is not active",
        "connection refused",
        "connection reset",
        "connection closed",
        "closed connection",
        "connection was closed",
        "failed to connect",
        "connection timed out",
        "timeout",
        "timed out",
        "pool closed",
        "the database system is starting up",
        "the database system is shutting down",
        "terminating connection",
        "no route to host",
        "broken pipe",
    };

    /** True if the failure is about the environment (see {@link #of}). */
    public static boolean isTransient(Throwable failure) {
        return of(failure) == TRANSIENT;
    }

    /** Classifies a failure by walking its cause chain. */
    public static FailureKind of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (transientCause(t)) {
                return TRANSIENT;
            }
        }
        return PERMANENT;
    }

    private static boolean transientCause(Throwable t) {
        if (t instanceof ConnectException
                || t instanceof ClosedChannelException
                || t instanceof TimeoutException
                || t instanceof io.smallrye.mutiny.TimeoutException
                || t instanceof java.sql.SQLTransientException
                || t instanceof java.sql.SQLRecoverableException) {
            return true;
        }
        String state = sqlState(t);
        if (state != null && state.length() == 5) {
            return TRANSIENT_STATES.contains(state) || TRANSIENT_STATE_CLASSES.contains(state.substring(0, 2));
        }
        String name = t.getClass().getName();
        if (name.endsWith("JDBCConnectionException")
                || name.endsWith("LockTimeoutException")
                || name.endsWith("PessimisticLockException")
                || name.endsWith("OptimisticLockException")
                || name.endsWith("StaleObjectStateException")
                || name.startsWith("org.apache.kafka.common.errors.") && name.contains("Timeout")) {
            return true;
        }
        if (t instanceof IOException) {
            return true;
        }
        String message = t.getMessage();
        if (message != null) {
            String lower = message.toLowerCase(Locale.ROOT);
            for (String fragment : TRANSIENT_MESSAGES) {
                if (lower.contains(fragment)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The SQLSTATE of a JDBC or a Vert.x PostgreSQL client exception. */
    private static String sqlState(Throwable t) {
        if (t instanceof java.sql.SQLException sql) {
            return sql.getSQLState();
        }
        if (t instanceof io.vertx.pgclient.PgException pg) {
            return pg.getSqlState();
        }
        return null;
    }
}
