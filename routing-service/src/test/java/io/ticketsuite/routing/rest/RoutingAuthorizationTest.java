package io.ticketsuite.routing.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint × every role: routing's views are staff only; no token or a bad one is a 401 problem. */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "routing"))
class RoutingAuthorizationTest {

    static List<String> endpoints() {
        return List.of(
                "/api/v1/teams",
                "/api/v1/routing-rules",
                "/api/v1/assignments/" + UUID.randomUUID(),
                "/api/v1/vip-customers");
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void shouldRefuseCallsWithoutAValidTokenAs401Problems(String path) {
        for (String token :
                new String[] {null, "not-a-jwt", TestTokens.expired(), TestTokens.forged(), TestTokens.wrongAudience()
                }) {
            RequestSpecification request = given();
            if (token != null) {
                request = request.auth().oauth2(token);
            }
            request.get(path)
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("type", equalTo("https://ticketsuite.io/problems/unauthorized"));
        }
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void shouldRefuseCustomersChannelsAndTokensWithoutARoleAs403Problems(String path) {
        for (String token : new String[] {TestTokens.customer(), TestTokens.channel(), TestTokens.noRole()}) {
            given().auth()
                    .oauth2(token)
                    .get(path)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://ticketsuite.io/problems/forbidden"));
        }
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void shouldAnswerStaff(String path) {
        for (String token : new String[] {TestTokens.agent(), TestTokens.lead(), TestTokens.admin()}) {
            int expected = path.startsWith("/api/v1/assignments/") ? 404 : 200;
            given().auth().oauth2(token).get(path).then().statusCode(expected);
        }
    }

    /**
     * A write endpoint: who gets what. {@code agent}, {@code lead}, {@code admin} are the statuses staff get (404 for
     * an unknown ticket/agent/VIP means "allowed, nothing there"; 403 means the role may not).
     */
    record Write(String method, String path, Map<String, Object> body, int agent, int lead, int admin) {}

    static List<Write> writes() {
        String ticket = "/api/v1/assignments/" + UUID.randomUUID();
        return List.of(
                new Write("POST", ticket + "/reassign", Map.of("team_id", "billing", "reason", "x"), 403, 404, 404),
                new Write("POST", ticket + "/escalate-tier", Map.of("reason", "x"), 404, 404, 404),
                // an agent may set only their own status (the test agent is agent-account-management-1)
                new Write("PUT", "/api/v1/agents/agent-nobody/status", Map.of("status", "AWAY"), 403, 404, 404),
                new Write("PUT", "/api/v1/vip-customers/c-auth-" + UUID.randomUUID(), Map.of(), 403, 403, 200),
                new Write("DELETE", "/api/v1/vip-customers/c-never-" + UUID.randomUUID(), null, 403, 403, 404));
    }

    private static RequestSpecification request(Write write, String token) {
        RequestSpecification request = given();
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        if (write.body() != null) {
            request = request.contentType("application/json").body(write.body());
        }
        return request;
    }

    @ParameterizedTest
    @MethodSource("writes")
    void shouldGuardEveryWriteEndpointByRole(Write write) {
        request(write, null)
                .request(write.method(), write.path())
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        for (String token : new String[] {TestTokens.customer(), TestTokens.channel(), TestTokens.noRole()}) {
            request(write, token)
                    .request(write.method(), write.path())
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://ticketsuite.io/problems/forbidden"));
        }
        request(write, TestTokens.agent())
                .request(write.method(), write.path())
                .then()
                .statusCode(write.agent());
        request(write, TestTokens.lead())
                .request(write.method(), write.path())
                .then()
                .statusCode(write.lead());
        request(write, TestTokens.admin())
                .request(write.method(), write.path())
                .then()
                .statusCode(write.admin());
    }
}
