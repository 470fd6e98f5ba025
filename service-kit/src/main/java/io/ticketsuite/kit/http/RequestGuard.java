package io.ticketsuite.kit.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.ticketsuite.kit.config.KitConfig;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemMappers;
import io.ticketsuite.kit.problem.ProblemTypes;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hostile input that never reaches a resource: a URI longer than {@code ts.http.max-uri-length} (414), a query
 * parameter that is not valid percent-encoding, longer than {@code ts.http.max-param-length} or holding control
 * characters such as NUL (400), and a path with an encoded NUL (400) — each a problem+json. Authentication failures
 * that happen before the REST layer (a bad or expired token) are answered here as 401/403 problems too.
 */
@ApplicationScoped
public class RequestGuard {
    private final int maxUriLength;
    private final int maxParamLength;

    public RequestGuard(KitConfig config) {
        this.maxUriLength = config.http().maxUriLength();
        this.maxParamLength = config.http().maxParamLength();
    }

    void register(@Observes Filters filters) {
        filters.register(this::guard, 1100);
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).failureHandler(ctx -> {
            if (ctx.response().headWritten()) {
                ctx.next();
                return;
            }
            Throwable failure = ctx.failure();
            if (isUnauthorized(failure) || (failure == null && ctx.statusCode() == 401)) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
                send(ctx, ProblemMappers.unauthorizedProblem(ctx.request().path()));
            } else if (failure instanceof ForbiddenException || (failure == null && ctx.statusCode() == 403)) {
                send(ctx, ProblemMappers.forbiddenProblem(ctx.request().path()));
            } else if (clientError(ctx) > 0) {
                // anything else the HTTP layer refuses before a resource (e.g. a URI that is not valid
                // percent-encoding): still a problem, never a bare status
                send(ctx, httpProblem(clientError(ctx), ctx.request().path()));
            } else {
                ctx.next();
            }
        });
    }

    /** The 4xx status of a failed route (other than 413, which the body limit answers), or 0. */
    private static int clientError(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status < 0 && ctx.failure() instanceof io.vertx.ext.web.handler.HttpException http) {
            status = http.getStatusCode();
        }
        return status >= 400 && status < 500 && status != 413 ? status : 0;
    }

    private static Problem httpProblem(int status, String path) {
        io.netty.handler.codec.http.HttpResponseStatus known =
                io.netty.handler.codec.http.HttpResponseStatus.valueOf(status);
        String title = known.reasonPhrase();
        String type = switch (status) {
            case 400 -> ProblemTypes.BAD_REQUEST;
            case 404 -> ProblemTypes.NOT_FOUND;
            case 405 -> ProblemTypes.METHOD_NOT_ALLOWED;
            case 414 -> ProblemTypes.URI_TOO_LONG;
            default -> ProblemTypes.of(title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        };
        return new Problem(type, title, status, "The request was refused: " + title, safePath(path), null, Map.of());
    }

    private static String safePath(String path) {
        if (path == null) {
            return null;
        }
        return path.length() > 200 ? path.substring(0, 200) : path;
    }

    private static boolean isUnauthorized(Throwable failure) {
        return failure instanceof AuthenticationFailedException
                || failure instanceof UnauthorizedException
                || failure instanceof AuthenticationCompletionException;
    }

    private void guard(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (uri.length() > maxUriLength) {
            send(
                    ctx,
                    new Problem(
                            ProblemTypes.URI_TOO_LONG,
                            "URI too long",
                            414,
                            "The request URI may have at most " + maxUriLength + " characters",
                            null,
                            null,
                            Map.of()));
            return;
        }
        try {
            // what Vert.x in Quarkus checks itself, answering a bare 400; the suite's JVMs switch that check off
            // (-Dvertx.disableURIValidation=true) so that this answer can be a problem
            new java.net.URI(uri);
        } catch (java.net.URISyntaxException e) {
            invalid(ctx, "uri", "is not a valid URI (RFC 3986: percent-encode reserved and non-ASCII characters)");
            return;
        }
        String rawPath = ctx.request().path();
        if (rawPath != null && rawPath.toLowerCase(Locale.ROOT).contains("%00")) {
            invalid(ctx, "path", "contains a NUL character");
            return;
        }
        String query = ctx.request().query();
        if (query == null || query.isEmpty()) {
            ctx.next();
            return;
        }
        Map<String, List<String>> params;
        try {
            params = new QueryStringDecoder(query, false).parameters();
        } catch (IllegalArgumentException e) {
            invalid(ctx, "query", "is not valid percent-encoding");
            return;
        }
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            String name = param.getKey();
            if (name.length() > maxParamLength || hasControl(name)) {
                invalid(ctx, "query", "has an invalid parameter name");
                return;
            }
            for (String value : param.getValue()) {
                if (value.length() > maxParamLength) {
                    invalid(ctx, safe(name), "may have at most " + maxParamLength + " characters");
                    return;
                }
                if (hasControl(value)) {
                    invalid(ctx, safe(name), "contains a control character");
                    return;
                }
            }
        }
        ctx.next();
    }

    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f || Character.isSurrogate(c) && !validSurrogate(text, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean validSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    private static String safe(String name) {
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    private static void invalid(RoutingContext ctx, String field, String message) {
        JsonObject problem = new JsonObject()
                .put("type", ProblemTypes.VALIDATION)
                .put("title", "Invalid request")
                .put("status", 400)
                .put("detail", "The request has invalid fields")
                .put("instance", ctx.request().path())
                .put(
                        "errors",
                        new JsonArray().add(new JsonObject().put("field", field).put("message", message)));
        ctx.response()
                .setStatusCode(400)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(problem.encode());
    }

    private static void send(RoutingContext ctx, Problem problem) {
        JsonObject body = new JsonObject()
                .put("type", problem.type())
                .put("title", problem.title())
                .put("status", problem.status())
                .put("detail", problem.detail());
        if (problem.instance() != null) {
            body.put("instance", problem.instance());
        }
        ctx.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body.encode());
    }
}
