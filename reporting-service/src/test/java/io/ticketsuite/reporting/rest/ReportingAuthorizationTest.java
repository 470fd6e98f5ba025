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

/** Every endpoint × every role: reports are for leads and admins; no token or a bad one is a 401 problem. */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class ReportingAuthorizationTest {

    static List<String> endpoints() {
        return List.of(
                "/api/v1/reports/summary",
                "/api/v1/reports/summary?from=2026-01-01&to=2026-01-31",
                "/api/v1/reports/periods?granularity=week&from=2026-01-01&to=2026-01-31",
                "/api/v1/reports/tickets.csv?from=2026-01-01&to=2026-01-31",
                "/api/v1/reports/periods.csv?granularity=month&from=2026-01-01&to=2026-03-31",
                // a bad parameter does not get past authentication and authorization first
                "/api/v1/reports/summary?from=last%20tuesday",
                "/api/v1/reports/periods?granularity=fortnight",
                "/api/v1/reports/tickets.csv?from=last%20tuesday",
                "/api/v1/reports/periods.csv?granularity=fortnight");
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
        for (String token : new String[] {
            TestTokens.agent(), TestTokens.customer(), TestTokens.customer2(), TestTokens.channel(), TestTokens.noRole()
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
    void shouldAnswerLeadsAndAdmins(String path) {
        for (String token : new String[] {TestTokens.lead(), TestTokens.admin()}) {
            if (path.contains("tuesday") || path.contains("fortnight")) {
                given().urlEncodingEnabled(false)
                        .auth()
                        .oauth2(token)
                        .get(path)
                        .then()
                        .statusCode(400)
                        .contentType("application/problem+json");
            } else if (path.contains(".csv")) {
                given().urlEncodingEnabled(false)
                        .auth()
                        .oauth2(token)
                        .get(path)
                        .then()
                        .statusCode(200)
                        .contentType("text/csv");
            } else if (path.contains("periods")) {
                given().urlEncodingEnabled(false)
                        .auth()
                        .oauth2(token)
                        .get(path)
                        .then()
                        .statusCode(200)
                        .contentType("application/json")
                        .body("periods", notNullValue());
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
