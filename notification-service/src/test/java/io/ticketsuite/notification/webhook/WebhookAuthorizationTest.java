package io.ticketsuite.notification.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every webhook endpoint × every role: admins only; customers, agents, leads, channel systems and tokens without a
 * suite role get 403 problems, no token or a bad one 401.
 */
@QuarkusTest
@QuarkusTestResource(
        value = TestInfrastructure.class,
        initArgs = @ResourceArg(name = "service", value = "notification"))
class WebhookAuthorizationTest {
    private static final String BODY =
            "{\"url\": \"https://hooks.example.com/in\", \"event_types\": [\"ticket.created\"]}";

    private record Call(String method, String path) {}

    private static List<Call> calls(String id) {
        return List.of(
                new Call("POST", "/api/v1/webhooks"),
                new Call("GET", "/api/v1/webhooks"),
                new Call("GET", "/api/v1/webhooks/" + id),
                new Call("GET", "/api/v1/webhooks/" + id + "/deliveries"),
                new Call("POST", "/api/v1/webhooks/" + id + "/enable"),
                new Call("DELETE", "/api/v1/webhooks/" + id));
    }

    private static io.restassured.response.ValidatableResponse call(Call call, String token) {
        RequestSpecification request = given();
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        if (call.method().equals("POST")) {
            request = request.contentType(ContentType.JSON).body(BODY);
        }
        return request.request(call.method(), call.path()).then();
    }

    @Test
    void shouldLetOnlyAdminsManageWebhooks() {
        String id = given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(BODY)
                .post("/api/v1/webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        for (Call call : calls(id)) {
            for (String token : new String[] {
                TestTokens.customer(), TestTokens.agent(), TestTokens.lead(), TestTokens.channel(), TestTokens.noRole()
            }) {
                call(call, token)
                        .statusCode(403)
                        .contentType("application/problem+json")
                        .body("type", equalTo("https://ticketsuite.io/problems/forbidden"));
            }
            for (String token : new String[] {null, "not-a-jwt", TestTokens.expired(), TestTokens.forged()}) {
                call(call, token)
                        .statusCode(401)
                        .contentType("application/problem+json")
                        .body("type", equalTo("https://ticketsuite.io/problems/unauthorized"));
            }
        }
        // an admin may do each of them
        String admin = TestTokens.admin();
        call(new Call("POST", "/api/v1/webhooks"), admin).statusCode(201);
        call(new Call("GET", "/api/v1/webhooks"), admin).statusCode(200);
        call(new Call("GET", "/api/v1/webhooks/" + id), admin).statusCode(200);
        call(new Call("GET", "/api/v1/webhooks/" + id + "/deliveries"), admin).statusCode(200);
        call(new Call("POST", "/api/v1/webhooks/" + id + "/enable"), admin).statusCode(200);
        call(new Call("DELETE", "/api/v1/webhooks/" + id), admin).statusCode(204);
        for (Call call : calls(UUID.randomUUID().toString())) {
            if (!call.path().equals("/api/v1/webhooks")) {
                call(call, admin).statusCode(404).contentType("application/problem+json");
            }
        }
    }
}
