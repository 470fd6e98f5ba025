package io.ticketsuite.kit.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.ticketsuite.kit.config.KitConfig;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemTypes;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request whose declared body exceeds {@code ts.http.max-body-size} with a 413 problem+json before
 * the body is read. (Quarkus' own {@code quarkus.http.limits.max-body-size} stays as the backstop for bodies
 * sent without a Content-Length.)
 */
@ApplicationScoped
public class BodyLimitFilter {
    private final long maxBodySize;

    public BodyLimitFilter(KitConfig config) {
        this.maxBodySize = config.http().maxBodySize();
    }

    void register(@Observes Filters filters) {
        filters.register(
                ctx -> {
                    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
                    if (length != null && tooLarge(length)) {
                        JsonObject problem = new JsonObject()
                                .put("type", ProblemTypes.PAYLOAD_TOO_LARGE)
                                .put("title", "Payload too large")
                                .put("status", 413)
                                .put("detail", "The body may have at most " + maxBodySize + " bytes")
                                .put("instance", ctx.request().path());
                        ctx.response()
                                .setStatusCode(413)
                                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                                .putHeader(HttpHeaders.CONNECTION, "close")
                                .end(problem.encode());
                        return;
                    }
                    ctx.next();
                },
                1000);
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodySize;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
