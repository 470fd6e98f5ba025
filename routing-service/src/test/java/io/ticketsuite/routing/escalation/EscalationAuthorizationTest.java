package io.ticketsuite.routing.escalation;

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

/**
 * The escalation and on-call endpoints × every role: no token or a bad one → 401 problem; customers, channels and
 * tokens without a suite role → 403 problem; agents, leads and admins answered (404 = allowed, nothing there).
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "routing"))
class EscalationAuthorizationTest {

    record Call(String method, String path, int staff) {}

    static List<Call> calls() {
        return List.of(
                new Call("GET", "/api/v1/escalations", 200),
                new Call("GET", "/api/v1/escalations?state=open", 200),
                new Call("GET", "/api/v1/escalations/" + UUID.randomUUID(), 404),
                new Call("POST", "/api/v1/escalations/" + UUID.randomUUID() + "/acknowledge", 404),
                new Call("GET", "/api/v1/teams/eng-tier3/on-call", 200),
                new Call("GET", "/api/v1/teams/nobody/on-call", 404));
    }

    private static RequestSpecification as(String token) {
        return token == null ? given() : given().auth().oauth2(token);
    }

    @ParameterizedTest
    @MethodSource("calls")
    void shouldRefuseCallsWithoutAValidTokenAs401Problems(Call call) {
        for (String token :
                new String[] {null, "not-a-jwt", TestTokens.expired(), TestTokens.forged(), TestTokens.wrongAudience()
                }) {
            as(token)
                    .request(call.method(), call.path())
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://ticketsuite.io/problems/unauthorized"));
        }
    }

    @ParameterizedTest
    @MethodSource("calls")
    void shouldRefuseCustomersChannelsAndTokensWithoutARoleAs403Problems(Call call) {
        for (String token : new String[] {TestTokens.customer(), TestTokens.channel(), TestTokens.noRole()}) {
            as(token)
                    .request(call.method(), call.path())
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://ticketsuite.io/problems/forbidden"));
        }
    }

    @ParameterizedTest
    @MethodSource("calls")
    void shouldAnswerStaff(Call call) {
        for (String token : new String[] {TestTokens.agent(), TestTokens.lead(), TestTokens.admin()}) {
            as(token).request(call.method(), call.path()).then().statusCode(call.staff());
        }
    }
}
