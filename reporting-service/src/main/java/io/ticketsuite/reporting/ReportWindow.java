package io.ticketsuite.reporting;

import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The half-open interval [from, to) of a report. Each bound is an ISO-8601 instant ({@code 2026-03-01T00:00:00Z},
 * an offset is allowed) or a date in UTC: a {@code from} date starts at that day's midnight, a {@code to} date
 * includes the whole day. Missing bounds: {@code to} = now, {@code from} = {@code to} minus the default length.
 */
public record ReportWindow(Instant from, Instant to) {
    /** The earliest and latest instants a report looks at (the database's date range is narrower than Java's). */
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");

    public static final Instant MAX = Instant.parse("9999-12-31T00:00:00Z");

    /** The window within [MIN, MAX]: no ticket is outside it, and every bound fits in a database date. */
    public ReportWindow clamped() {
        return new ReportWindow(clamp(from), clamp(to));
    }

    private static Instant clamp(Instant instant) {
        return instant.isBefore(MIN) ? MIN : instant.isAfter(MAX) ? MAX : instant;
    }

    public static ReportWindow parse(String from, String to, Instant now, Duration defaultLength) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant end = blank(to) ? now : parse(to, "to", true, errors);
        Instant start =
                blank(from) ? (end == null ? null : end.minus(defaultLength)) : parse(from, "from", false, errors);
        if (errors.isEmpty() && start.isAfter(end)) {
            errors.add(new Problem.FieldError("from", "must not be after 'to' (" + end + ")"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new ReportWindow(start, end);
    }

    private static Instant parse(String value, String field, boolean endOfDay, List<Problem.FieldError> errors) {
        String v = value.trim();
        try {
            if (v.length() == 10) {
                LocalDate date = LocalDate.parse(v);
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(
                    field,
                    "invalid value '" + value + "': expected an ISO-8601 instant (2026-03-01T00:00:00Z) or a"
                            + " date (2026-03-01)"));
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
