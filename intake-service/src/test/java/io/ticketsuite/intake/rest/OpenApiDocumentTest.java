package io.ticketsuite.intake.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ticketsuite.testkit.OpenApiLint;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document passes Redocly's recommended rules with no error and no warning, and tells clients the answers
 * of intake's rules: 409 and 422 where they happen, 429 on the rate-limited operations.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static String document() {
        return given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    @Test
    void shouldPassTheStandardLinterWithoutErrorsOrWarnings() {
        OpenApiLint.Result result = OpenApiLint.lint("intake-service.json", document());

        assertThat(result.clean()).as(result.report()).isTrue();
    }

    @Test
    void shouldDocumentTheProblemsOfEachOperation() {
        JsonPath doc = JsonPath.from(document());
        Map<String, Object> create = doc.getMap("paths.'/api/v1/tickets'.post.responses");
        assertThat(create).containsKeys("201", "400", "401", "403", "409", "413", "415", "422", "429");
        Map<String, Object> status = doc.getMap("paths.'/api/v1/tickets/{id}/status'.post.responses");
        assertThat(status).containsKeys("200", "400", "401", "403", "404", "409");
        Map<String, Object> comment = doc.getMap("paths.'/api/v1/tickets/{id}/comments'.post.responses");
        assertThat(comment).containsKeys("201", "400", "401", "403", "404", "429");
        assertThat(doc.getMap("paths.'/api/v1/tickets/{id}'.get.responses")).containsKeys("200", "401", "403", "404");
        assertThat(doc.getString("paths.'/api/v1/tickets'.post.operationId")).isEqualTo("createTicket");
        // field names as the JSON has them
        assertThat(doc.getMap("components.schemas.CreateTicket.properties")).containsKey("external_id");
        assertThat(doc.getMap("components.schemas.TicketResponse.properties"))
                .containsKeys("created_at", "resolved_at")
                .doesNotContainKey("createdAt");
        assertThat(doc.getString("paths.'/api/v1/tickets/{id}'.get.description"))
                .contains("Roles: admin, agent, customer, lead.");
    }
}
