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
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint × every role: routing's views are staff only; no token or a bad one is a 401 problem. */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "routing"))
class RoutingAuthorizationTest {

    static List<String> endpoints() {
        return List.of("/api/v1/teams", "/api/v1/routing-rules", "/api/v1/assignments/" + UUID.randomUUID());
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
}
