package io.ticketsuite.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Tiny JSON-over-HTTP client for the tests, with bearer tokens. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** {@code status} -1: no answer at all, {@code error} says why (refused, reset, timed out). */
    record Response(int status, JsonNode body, String error) {
        Response(int status, JsonNode body) {
            this(status, body, null);
        }
    }

    /** A GET with a bearer token ({@code null}: none). */
    static Response get(String url, String token) {
        return send(authorized(HttpRequest.newBuilder(URI.create(url)), token).GET());
    }

    /** A JSON POST with a bearer token ({@code null}: none). */
    static Response post(String url, String json, String token) {
        return send(authorized(HttpRequest.newBuilder(URI.create(url)), token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A JSON POST with a bearer token and an {@code Idempotency-Key}, so that a retry creates nothing twice. */
    static Response post(String url, String json, String token, String idempotencyKey) {
        return send(authorized(HttpRequest.newBuilder(URI.create(url)), token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A JSON POST with a bearer token and extra request headers (e.g. a W3C {@code traceparent}). */
    static Response post(String url, String json, String token, java.util.Map<String, String> headers) {
        HttpRequest.Builder builder =
                authorized(HttpRequest.newBuilder(URI.create(url)), token).header("Content-Type", "application/json");
        headers.forEach(builder::header);
        return send(builder.POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder builder, String token) {
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private static Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response =
                    CLIENT.send(builder.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Response(response.statusCode(), body == null || body.isBlank() ? null : JSON.readTree(body));
        } catch (IOException e) {
            return new Response(-1, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Http() {}
}
