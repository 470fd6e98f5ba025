package io.ticketsuite.kit.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every error into RFC 9457 problem+json with a stable {@code type}. Bad input is a 4xx naming what is
 * wrong; an unexpected failure is a 500 with a reference to the log, never a stack trace or a class name.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response =
                Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(e.toProblem(path(uri)));
        e.headers().forEach(response::header);
        return response.build();
    }

    /** No token, or one that is not valid: 401 with the Bearer challenge. */
    @ServerExceptionMapper({
        io.quarkus.security.UnauthorizedException.class,
        io.quarkus.security.AuthenticationFailedException.class,
        io.quarkus.security.AuthenticationCompletionException.class,
        jakarta.ws.rs.NotAuthorizedException.class
    })
    public Response unauthorized(Exception e, UriInfo uri) {
        return unauthorizedResponse(path(uri));
    }

    /** The HTTP layer refused the request (e.g. query parameters that are not valid percent-encoding). */
    @ServerExceptionMapper
    public Response http(io.vertx.ext.web.handler.HttpException e, UriInfo uri) {
        int status = e.getStatusCode();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Bad request";
        String detail =
                status == 400 ? "The request URI is not valid (query parameters must be percent-encoded)" : title;
        return respond(new Problem(ProblemTypes.BAD_REQUEST, title, status, detail, null, null, Map.of()));
    }

    /** A valid token without the right role. */
    @ServerExceptionMapper({io.quarkus.security.ForbiddenException.class, jakarta.ws.rs.ForbiddenException.class})
    public Response forbidden(Exception e, UriInfo uri) {
        return respond(forbiddenProblem(path(uri)));
    }

    public static Response unauthorizedResponse(String instance) {
        return Response.status(401)
                .type(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer")
                .entity(unauthorizedProblem(instance))
                .build();
    }

    public static Problem unauthorizedProblem(String instance) {
        return new Problem(
                ProblemTypes.UNAUTHORIZED,
                "Unauthorized",
                401,
                "A valid bearer token is required (Authorization: Bearer <access token>)",
                instance,
                null,
                Map.of());
    }

    public static Problem forbiddenProblem(String instance) {
        return new Problem(
                ProblemTypes.FORBIDDEN,
                "Forbidden",
                403,
                "Your roles do not allow this operation",
                instance,
                null,
                Map.of());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(ProblemException.validation(errors).toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        String field = jsonPath(e);
        String message = "invalid value '" + printable(e.getValue()) + "'";
        if (e.getTargetType() != null && e.getTargetType().isEnum()) {
            message += "; allowed: "
                    + Arrays.stream(e.getTargetType().getEnumConstants())
                            .map(Object::toString)
                            .collect(Collectors.joining(", "));
        }
        return respond(ProblemException.validation(List.of(new Problem.FieldError(field, message)))
                .toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response unrecognized(UnrecognizedPropertyException e, UriInfo uri) {
        return respond(ProblemException.validation(List.of(new Problem.FieldError(jsonPath(e), "unknown field")))
                .toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        String field = jsonPath(e);
        if (field.isEmpty()) {
            return respond(new Problem(
                    ProblemTypes.MALFORMED_JSON,
                    "Malformed JSON",
                    400,
                    "The body is not the expected JSON object",
                    path(uri),
                    null,
                    Map.of()));
        }
        String expected = e.getTargetType() == null ? "another type" : simpleType(e.getTargetType());
        return respond(
                ProblemException.validation(List.of(new Problem.FieldError(field, "wrong type: expected " + expected)))
                        .toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, UriInfo uri) {
        if (e instanceof InvalidFormatException format) {
            return invalidFormat(format, uri);
        }
        if (e instanceof UnrecognizedPropertyException unrecognized) {
            return unrecognized(unrecognized, uri);
        }
        if (e instanceof MismatchedInputException mismatched) {
            return mismatched(mismatched, uri);
        }
        return respond(ProblemException.validation(List.of(new Problem.FieldError(jsonPath(e), "invalid value")))
                .toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response parse(JsonParseException e, UriInfo uri) {
        return malformed(e, uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return malformed(e, uri);
    }

    private Response malformed(JsonProcessingException e, UriInfo uri) {
        String detail = "The body is not valid JSON";
        if (e.getLocation() != null) {
            detail += " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
        }
        return respond(
                new Problem(ProblemTypes.MALFORMED_JSON, "Malformed JSON", 400, detail, path(uri), null, Map.of()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return respond(new Problem(
                ProblemTypes.NOT_FOUND, "Not found", 404, "No resource at " + path(uri), path(uri), null, Map.of()));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        return respond(new Problem(
                ProblemTypes.METHOD_NOT_ALLOWED,
                "Method not allowed",
                405,
                "Allowed: " + String.join(", ", e.getResponse().getAllowedMethods()),
                path(uri),
                null,
                Map.of()));
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, UriInfo uri) {
        return respond(new Problem(
                ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported media type",
                415,
                "Send the body as application/json",
                path(uri),
                null,
                Map.of()));
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, UriInfo uri) {
        return respond(new Problem(
                ProblemTypes.NOT_ACCEPTABLE,
                "Not acceptable",
                406,
                "This resource answers application/json",
                path(uri),
                null,
                Map.of()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json instanceof JsonMappingException mapping && !(json instanceof JsonParseException)
                    ? mapping(mapping, uri)
                    : malformed(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        return respond(new Problem(ProblemTypes.BAD_REQUEST, title, status, title, path(uri), null, Map.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (e instanceof ProblemException problem) {
            return problem(problem, uri);
        }
        Throwable cause = e.getCause();
        if (cause instanceof ProblemException problem) {
            return problem(problem, uri);
        }
        String unstorable = unstorableText(e);
        if (unstorable != null) {
            // bad bytes that reached the database (e.g. a NUL in a text): the client's input, not our failure
            return respond(ProblemException.validation(List.of(
                            new Problem.FieldError("body", "contains text that cannot be stored: " + unstorable)))
                    .toProblem(path(uri)));
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error, reference %s", reference);
        return respond(new Problem(
                ProblemTypes.INTERNAL,
                "Internal error",
                500,
                "An unexpected error occurred; reference " + reference,
                path(uri),
                null,
                Map.of()));
    }

    /** PostgreSQL's data exceptions about text (SQLSTATE 22021 bad byte sequence, 22P05 untranslatable). */
    private static String unstorableText(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg
                    && ("22021".equals(pg.getSqlState()) || "22P05".equals(pg.getSqlState()))) {
                return "invalid character";
            }
        }
        return null;
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static String field(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case PROPERTY, CONTAINER_ELEMENT -> {
                    String index = node.getIndex() != null
                            ? "[" + node.getIndex() + "]"
                            : node.getKey() != null ? "[" + node.getKey() + "]" : "";
                    if (node.getName() != null && !node.getName().startsWith("<")) {
                        parts.add(SNAKE.translate(node.getName()) + index);
                    } else if (!parts.isEmpty() && !index.isEmpty()) {
                        // an element of a container: tags[0]
                        parts.set(parts.size() - 1, parts.get(parts.size() - 1) + index);
                    }
                }
                case PARAMETER -> parts.clear();
                default -> {}
            }
        }
        if (parts.isEmpty()) {
            // a violated parameter itself (e.g. a missing body or query parameter)
            String last = null;
            for (Path.Node node : violation.getPropertyPath()) {
                last = node.getName();
            }
            // by convention a resource method calls its body parameter "request"
            return last == null || last.equals("request") ? "body" : SNAKE.translate(last);
        }
        return String.join(".", parts);
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** A rejected value as it may be echoed: short, without control characters. */
    private static String printable(Object value) {
        String text = String.valueOf(value).replaceAll("\\p{Cntrl}", "\uFFFD");
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    private static String simpleType(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "number";
        }
        if (type == String.class || type.isEnum() || type == UUID.class) {
            return "string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        return "object";
    }
}
