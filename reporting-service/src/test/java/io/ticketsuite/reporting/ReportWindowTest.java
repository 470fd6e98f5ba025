package io.ticketsuite.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketsuite.kit.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportWindowTest {
    private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    @Test
    void shouldDefaultToTheLastThirtyDays() {
        assertThat(ReportWindow.parse(null, null, NOW, THIRTY_DAYS))
                .isEqualTo(new ReportWindow(Instant.parse("2026-02-13T12:00:00Z"), NOW));
    }

    @Test
    void shouldReadDatesAsWholeUtcDays() {
        assertThat(ReportWindow.parse("2026-03-01", "2026-03-01", NOW, THIRTY_DAYS))
                .isEqualTo(
                        new ReportWindow(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-02T00:00:00Z")));
    }

    @Test
    void shouldReadInstantsWithZoneOrOffset() {
        assertThat(ReportWindow.parse("2026-03-01T10:00:00Z", "2026-03-01T12:00:00+02:00", NOW, THIRTY_DAYS))
                .isEqualTo(
                        new ReportWindow(Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T10:00:00Z")));
    }

    @Test
    void shouldRefuseBadValuesNamingTheField() {
        assertThatThrownBy(() -> ReportWindow.parse("yesterday", "2026-13-01", NOW, THIRTY_DAYS))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.toProblem("/x").errors())
                            .extracting(error -> error.field())
                            .containsExactlyInAnyOrder("from", "to");
                });
    }

    @Test
    void shouldRefuseFromAfterTo() {
        assertThatThrownBy(() -> ReportWindow.parse("2026-03-02", "2026-03-01T00:00:00Z", NOW, THIRTY_DAYS))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.toProblem("/x").errors())
                                .singleElement()
                                .satisfies(error -> assertThat(error.field()).isEqualTo("from")));
    }
}
