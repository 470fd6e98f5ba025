package io.ticketsuite.reporting.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's sign-in in headless Chromium against a stand-in identity provider (test-kit starts no Keycloak):
 * opened without a token, the page goes to the provider's authorization endpoint with a PKCE S256 challenge, comes
 * back with a code, exchanges it with the verifier whose SHA-256 is that challenge, reads the reports with the access
 * token and shows who is signed in. The provider signs nothing of its own:
 * the access token it hands out is a test-kit token the service trusts.
 */
@QuarkusTest
@TestProfile(DashboardSignInTest.FakeIssuerProfile.class)
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class DashboardSignInTest {

    @TestHTTPResource("/")
    URL root;

    /** Points the dashboard's issuer at the stand-in provider. */
    public static class FakeIssuerProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("reporting.dashboard.issuer", FakeIssuer.INSTANCE.issuer());
        }
    }

    @Test
    void shouldSignInWithTheCodeFlowAndPkceThenReadTheReportsAsTheSignedInLead() throws Exception {
        FakeIssuer issuer = FakeIssuer.INSTANCE;
        issuer.requests.clear();
        String page = "http://localhost:" + root.getPort() + "/";

        String dom = chromium(page + "#from=2001-01-01&to=2001-01-07&refresh=3600");

        Map<String, String> auth = issuer.find("auth", "");
        assertThat(auth).as("the page went to the authorization endpoint").isNotNull();
        assertThat(auth)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", "ticketsuite-dashboard")
                .containsEntry("redirect_uri", page)
                .containsEntry("scope", "openid profile")
                .containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "nonce", "code_challenge");
        Map<String, String> exchange = issuer.find("token", "authorization_code");
        assertThat(exchange).as("the code was exchanged").isNotNull();
        assertThat(exchange)
                .containsEntry("client_id", "ticketsuite-dashboard")
                .containsEntry("redirect_uri", page)
                .containsEntry("code", FakeIssuer.CODE);
        assertThat(sha256(exchange.get("code_verifier")))
                .as("the verifier is the one the challenge was made from")
                .isEqualTo(auth.get("code_challenge"));

        assertThat(dom).contains("data-loaded=\"true\""); // the report API answered the page's token
        assertThat(dom).contains("Signed in as Lena Lead (lead)");
        assertThat(dom).contains("data-subject=\"lead-account-management\"");
    }

    private static String sha256(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** Headless Chromium on the page, waiting (in virtual time) for its redirects, requests and timers. */
    private static String chromium(String url) throws IOException, InterruptedException {
        String binary = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
                .filter(p -> new File(p).canExecute())
                .findFirst()
                .orElseThrow(() -> new AssertionError("headless Chromium is needed: apt-get install -y chromium"));
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--virtual-time-budget=20000",
                "--dump-dom",
                url));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        java.util.concurrent.CompletableFuture<byte[]> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return process.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        assertThat(exited).as("chromium finished within 90 s").isTrue();
        return new String(out.join(), StandardCharsets.UTF_8);
    }

    /**
     * A stand-in OIDC provider: discovery, an authorization endpoint that answers at once with a code (as when the
     * user's session at the provider is still open), a token endpoint for the code and refresh grants (CORS open),
     * and an end-session endpoint. It records every request's parameters.
     */
    static final class FakeIssuer {
        static final FakeIssuer INSTANCE = new FakeIssuer();
        static final String CODE = "code-" + UUID.randomUUID();

        final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        private FakeIssuer() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/realms/fake/", this::handle);
            server.start();
        }

        String issuer() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/fake";
        }

        Map<String, String> find(String endpoint, String grant) {
            return requests.stream()
                    .filter(r -> endpoint.equals(r.get("_endpoint")) && grant.equals(r.getOrDefault("grant_type", "")))
                    .findFirst()
                    .orElse(null);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String endpoint = path.substring(path.lastIndexOf('/') + 1);
            Map<String, String> params = form(exchange.getRequestURI().getRawQuery());
            if ("POST".equals(exchange.getRequestMethod())) {
                params.putAll(form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            }
            params.put("_endpoint", endpoint);
            requests.add(params);
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            switch (endpoint) {
                case "openid-configuration" ->
                    json(
                            exchange,
                            200,
                            "{\"issuer\":\"" + issuer()
                                    + "\",\"authorization_endpoint\":\"" + issuer() + "/auth\",\"token_endpoint\":\""
                                    + issuer()
                                    + "/token\",\"end_session_endpoint\":\"" + issuer() + "/logout\"}");
                case "auth" -> {
                    String location = params.get("redirect_uri") + "?state=" + params.get("state") + "&code=" + CODE;
                    exchange.getResponseHeaders().add("Location", location);
                    exchange.sendResponseHeaders(302, -1);
                    exchange.close();
                }
                case "token" -> token(exchange, params);
                default -> json(exchange, 404, "{}");
            }
        }

        private void token(HttpExchange exchange, Map<String, String> params) throws IOException {
            Map<String, String> auth = find("auth", "");
            boolean code = "authorization_code".equals(params.get("grant_type"))
                    && CODE.equals(params.get("code"))
                    && auth != null;
            boolean refresh = "refresh_token".equals(params.get("grant_type"))
                    && params.getOrDefault("refresh_token", "").startsWith("refresh-");
            if (!code && !refresh) {
                json(exchange, 400, "{\"error\":\"invalid_grant\"}");
                return;
            }
            String idClaims = "{\"sub\":\"lead-account-management\",\"name\":\"Lena Lead\",\"nonce\":\""
                    + (auth == null ? "" : auth.get("nonce")) + "\"}";
            String idToken = b64("{\"alg\":\"none\"}") + "." + b64(idClaims) + ".";
            int n = (int) requests.stream()
                    .filter(r -> "token".equals(r.get("_endpoint")))
                    .count();
            json(
                    exchange,
                    200,
                    "{\"access_token\":\"" + TestTokens.lead() + "\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                            + "\"refresh_token\":\"refresh-" + n + "\",\"id_token\":\"" + idToken + "\"}");
        }

        private static String b64(String json) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }

        private static void json(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        private static Map<String, String> form(String raw) {
            Map<String, String> result = new LinkedHashMap<>();
            if (raw == null || raw.isEmpty()) {
                return result;
            }
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                result.put(
                        URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
            return result;
        }
    }
}
