package io.ticketsuite.kit.rest;

import io.ticketsuite.kit.config.KitConfig;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds of a paged list: {@code 0 ≤ page ≤ ts.http.max-page} and {@code 1 ≤ size ≤ ts.http.max-page-size}, so the
 * first row ({@code page × size}) never overflows; anything else is a 400 problem naming the parameter.
 */
@ApplicationScoped
public class Paging {
    private final int maxPage;
    private final int maxSize;

    public Paging(KitConfig config) {
        this.maxPage = config.http().maxPage();
        this.maxSize = config.http().maxPageSize();
    }

    /** A checked page: its number, its size and the offset of its first row. */
    public record Page(int number, int size, int offset) {}

    /**
     * Parses {@code page} and {@code size} as given in a query string (absent or blank: 0 and {@code defaultSize}),
     * checks the bounds, and adds a field error to {@code errors} for each bad one (not an integer, out of bounds) so
     * that a caller validating other parameters too answers one 400 with all of them.
     */
    public Page parse(String page, String size, int defaultSize, List<Problem.FieldError> errors) {
        int before = errors.size();
        int number = integer(page, "page", 0, errors);
        int rows = integer(size, "size", defaultSize, errors);
        if (number < 0 || number > maxPage) {
            errors.add(new Problem.FieldError("page", "must be between 0 and " + maxPage));
        }
        if (rows < 1 || rows > maxSize) {
            errors.add(new Problem.FieldError("size", "must be between 1 and " + maxSize));
        }
        return errors.size() == before
                ? new Page(number, rows, Math.multiplyExact(number, rows))
                : new Page(0, defaultSize, 0);
    }

    private static int integer(String value, String field, int fallback, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String trimmed = value.trim();
        try {
            return Integer.parseInt(trimmed);
        } catch (NumberFormatException e) {
            if (trimmed.matches("[+-]?[0-9]{1,1000}")) {
                return trimmed.startsWith("-") ? -1 : Integer.MAX_VALUE; // out of bounds, said so by the caller
            }
            errors.add(new Problem.FieldError(field, "must be an integer"));
            return fallback;
        }
    }

    /** Checks the bounds and returns the first row's offset. */
    public int offset(int page, int size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (page < 0 || page > maxPage) {
            errors.add(new Problem.FieldError("page", "must be between 0 and " + maxPage));
        }
        if (size < 1 || size > maxSize) {
            errors.add(new Problem.FieldError("size", "must be between 1 and " + maxSize));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return Math.multiplyExact(page, size);
    }
}
