package io.ticketsuite.kit.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Thrown by services to answer with a problem+json response. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, null, Map.of());
    }

    public ProblemException(
            int status,
            String type,
            String title,
            String detail,
            List<Problem.FieldError> errors,
            Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors;
        this.extensions = new LinkedHashMap<>(extensions);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, ProblemTypes.NOT_FOUND, "Not found", what + " " + id + " does not exist");
    }

    /** A path id as a UUID; a malformed one names nothing that exists, so it is a 404 like an unknown one. */
    public static java.util.UUID idOrNotFound(String what, String id) {
        try {
            return java.util.UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(what, id);
        }
    }

    public static ProblemException validation(List<Problem.FieldError> errors) {
        return new ProblemException(
                400, ProblemTypes.VALIDATION, "Invalid request", "The request has invalid fields", errors, Map.of());
    }

    /** Adds a response header to the problem's answer (e.g. {@code Retry-After}). */
    public ProblemException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** A 403: the caller is known but may not do this. */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, ProblemTypes.FORBIDDEN, "Forbidden", detail);
    }

    public Problem toProblem(String instance) {
        return new Problem(type, title, status, getMessage(), instance, errors, extensions);
    }

    public int status() {
        return status;
    }
}
