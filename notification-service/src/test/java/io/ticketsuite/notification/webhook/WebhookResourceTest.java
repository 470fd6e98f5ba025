package io.ticketsuite.notification.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import org.junit.jupiter.api.Test;

/** Subscriptions' validation (400 problems naming the field), 404s, and delete. */
@QuarkusTest
@QuarkusTestResource(
        value = TestInfrastructure.class,
        initArgs = @ResourceArg(name = "service", value = "notification"))
class WebhookResourceTest {

    private static io.restassured.response.ValidatableResponse create(String body) {
        return given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/webhooks")
                .then();
    }

    @Test
    void shouldRefuseBadSubscriptionsWithProblemsNamingTheField() {
        create("{}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("url", "event_types"));
        create("{\"url\": \"ftp://example.com/x\", \"event_types\": [\"ticket.created\"]}")
                .statusCode(400)
                .body("errors.field", equalTo(java.util.List.of("url")));
        create("{\"url\": \"/relative\", \"event_types\": [\"ticket.created\"]}")
                .statusCode(400)
                .body("errors.field", hasItem("url"));
        create("{\"url\": \"https://example.com/in\", \"event_types\": [\"ticket.created\", \"ticket.nope\"]}")
                .statusCode(400)
                .body("errors.field", equalTo(java.util.List.of("event_types[1]")));
        create("{\"url\": \"https://example.com/in\", \"event_types\": []}")
                .statusCode(400)
                .body("errors.field", hasItem("event_types"));
        create("{\"url\": 42, \"event_types\": \"ticket.created\"}")
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void shouldDeleteASubscriptionWithItsLogAndAnswer404Afterwards() {
        String id = create("{\"url\": \"https://example.com/in\", \"event_types\": [\"*\"]}")
                .statusCode(201)
                .body("event_types", equalTo(java.util.List.of("*")))
                .extract()
                .path("id");
        given().auth()
                .oauth2(TestTokens.admin())
                .get("/api/v1/webhooks/" + id + "/deliveries?status=nope")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("status"));
        given().auth()
                .oauth2(TestTokens.admin())
                .get("/api/v1/webhooks/" + id + "/deliveries?page=-1")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("page"));
        given().auth()
                .oauth2(TestTokens.admin())
                .delete("/api/v1/webhooks/" + id)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(TestTokens.admin())
                .delete("/api/v1/webhooks/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.admin())
                .get("/api/v1/webhooks/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.admin())
                .get("/api/v1/webhooks/" + id + "/deliveries")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.admin())
                .get("/api/v1/webhooks/not-a-uuid")
                .then()
                .statusCode(404);
    }
}
