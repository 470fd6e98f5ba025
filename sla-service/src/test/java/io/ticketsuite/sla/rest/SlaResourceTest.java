package io.ticketsuite.sla.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.kit.problem.ProblemTypes;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "sla"))
class SlaResourceTest {

    @Test
    void shouldAnswerNotFoundProblemForATicketItNeverHeardOf() {
        UUID unknown = UUID.randomUUID();
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/sla/{id}", unknown)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.NOT_FOUND))
                .body("status", equalTo(404))
                .body("detail", containsString(unknown.toString()));
    }

    @Test
    void shouldAnswerNotFoundProblemForAMalformedTicketId() {
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/sla/{id}", "not-a-uuid")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.NOT_FOUND))
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void shouldPublishTheSlaEndpointInTheOpenApiDocument() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths.'/api/v1/sla/{ticketId}'.get.responses.'404'.description", containsString("ticket"));
    }
}
