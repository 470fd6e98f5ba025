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
