package io.ticketsuite.kit.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.ticketsuite.kit.config.KitConfig;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemTypes;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request whose body exceeds {@code ts.http.max-body-size} with a 413 problem+json: a declared
 * Content-Length before the body is read, a chunked body as soon as it outgrows the limit. ({@code
 * quarkus.http.limits.max-body-size} stays as a backstop.)
 */
@ApplicationScoped
public class BodyLimitFilter {
    private final long maxBodySize;

    public BodyLimitFilter(KitConfig config) {
        this.maxBodySize = config.http().maxBodySize();
    }

    /**
     * A body without a Content-Length (chunked) is read here, up to the same limit, before the REST layer sees it
     * (it then reads the buffered body); past the limit the route fails with 413, answered as a problem.
     */
    void register(@Observes Router router) {
        BodyHandler chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBodySize);
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                tooLarge(ctx, maxBodySize);
            } else {
                ctx.next();
            }
        });
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            if (ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null
                    && ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
                chunkedBodies.handle(ctx);
            } else {
                ctx.next();
            }
        });
    }

    void register(@Observes Filters filters) {
        filters.register(
                ctx -> {
                    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
                    if (length != null && tooLarge(length)) {
                        tooLarge(ctx, maxBodySize);
                        return;
                    }
                    ctx.next();
                },
                1000);
    }

    private static void tooLarge(RoutingContext ctx, long limit) {
        JsonObject problem = new JsonObject()
                .put("type", ProblemTypes.PAYLOAD_TOO_LARGE)
                .put("title", "Payload too large")
                .put("status", 413)
                .put("detail", "The body may have at most " + limit + " bytes")
                .put("instance", ctx.request().path());
        ctx.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problem.encode());
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodySize;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
