package io.ticketsuite.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.events.EventDecodingException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureKindTest {

    @ParameterizedTest(name = "SQLSTATE {0} is {1}")
    @CsvSource({
        "08006, TRANSIENT", // connection failure
        "08001, TRANSIENT", // cannot connect
        "40001, TRANSIENT", // serialization failure
        "40P01, TRANSIENT", // deadlock
        "55P03, TRANSIENT", // lock not available
        "57P01, TRANSIENT", // admin shutdown (server stopped)
        "57P03, TRANSIENT", // cannot connect now (starting up)
        "53300, TRANSIENT", // too many connections
        "23505, PERMANENT", // unique violation
        "23502, PERMANENT", // not null violation
        "22001, PERMANENT", // value too long
        "22P02, PERMANENT", // invalid text representation
        "42P01, PERMANENT", // undefined table (a bug, not the environment)
    })
    void postgresErrorsAreClassifiedByTheirSqlState(String state, FailureKind expected) {
        PgException failure = new PgException("boom", "ERROR", state, null);
        assertThat(FailureKind.of(failure)).isEqualTo(expected);
        assertThat(FailureKind.of(new CompletionException(new RuntimeException("wrapped", failure))))
                .as("found in the cause chain")
                .isEqualTo(expected);
    }

    @Test
    void lostConnectionsAndTimeoutsAreTransient() {
        assertThat(FailureKind.of(new ConnectException("Connection refused"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new NoStackTraceThrowable("Connection is not active now, current status: CLOSED")))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new io.smallrye.mutiny.TimeoutException())).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new IllegalStateException("wrapper", new java.io.IOException("Broken pipe"))))
                .isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void failuresAboutTheRecordArePermanent() {
        assertThat(FailureKind.of(new EventDecodingException("not an event"))).isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureKind.of(new IllegalArgumentException("unknown team 'x'")))
                .isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureKind.of(new NullPointerException())).isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureKind.of(new IllegalStateException("illegal transition NEW -> CLOSED")))
                .isEqualTo(FailureKind.PERMANENT);
    }
}
