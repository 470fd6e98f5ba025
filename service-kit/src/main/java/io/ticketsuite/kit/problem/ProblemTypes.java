package io.ticketsuite.kit.problem;

/** The stable {@code type} URIs of the suite's problems; clients may switch on them. */
public final class ProblemTypes {
    private static final String BASE = "https://ticketsuite.io/problems/";

    public static final String VALIDATION = BASE + "validation";
    public static final String MALFORMED_JSON = BASE + "malformed-json";
    public static final String NOT_FOUND = BASE + "not-found";
    public static final String METHOD_NOT_ALLOWED = BASE + "method-not-allowed";
    public static final String UNSUPPORTED_MEDIA_TYPE = BASE + "unsupported-media-type";
    public static final String NOT_ACCEPTABLE = BASE + "not-acceptable";
    public static final String PAYLOAD_TOO_LARGE = BASE + "payload-too-large";
    public static final String CONFLICT = BASE + "conflict";
    public static final String ILLEGAL_TRANSITION = BASE + "illegal-transition";
    public static final String IDEMPOTENCY_KEY_REUSED = BASE + "idempotency-key-reused";
    public static final String BAD_REQUEST = BASE + "bad-request";
    public static final String UNAUTHORIZED = BASE + "unauthorized";
    public static final String FORBIDDEN = BASE + "forbidden";
    public static final String TOO_MANY_REQUESTS = BASE + "too-many-requests";
    public static final String URI_TOO_LONG = BASE + "uri-too-long";
    public static final String INTERNAL = BASE + "internal";

    private ProblemTypes() {}

    public static String of(String slug) {
        return BASE + slug;
    }
}
