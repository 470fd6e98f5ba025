package io.ticketsuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint × every role: reports are staff only; no token or a bad one is a 401 problem. */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class ReportingAuthorizationTest {

    static List<String> endpoints() {
        return List.of(
                "/api/v1/reports/summary",
                "/api/v1/reports/summary?from=2026-01-01&to=2026-01-31",
                // a bad parameter does not get past authentication and authorization first
                "/api/v1/reports/summary?from=last%20tuesday");
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void shouldRefuseCallsWithoutAValidTokenAs401Problems(String path) {
        for (String token :
                new String[] {null, "not-a-jwt", TestTokens.expired(), TestTokens.forged(), TestTokens.wrongAudience()
                }) {
            RequestSpecification request = given().urlEncodingEnabled(false);
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
        for (String token :
                new String[] {TestTokens.customer(), TestTokens.customer2(), TestTokens.channel(), TestTokens.noRole()
                }) {
            given().urlEncodingEnabled(false)
                    .auth()
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
            if (path.contains("tuesday")) {
                given().urlEncodingEnabled(false)
                        .auth()
                        .oauth2(token)
                        .get(path)
                        .then()
                        .statusCode(400)
                        .contentType("application/problem+json");
            } else {
                given().urlEncodingEnabled(false)
                        .auth()
                        .oauth2(token)
                        .get(path)
                        .then()
                        .statusCode(200)
                        .contentType("application/json")
                        .body("tickets.total", notNullValue());
            }
        }
    }
}
