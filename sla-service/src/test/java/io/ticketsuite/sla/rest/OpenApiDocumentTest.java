package io.ticketsuite.sla.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.testkit.OpenApiLint;
import io.ticketsuite.testkit.TestInfrastructure;
import org.junit.jupiter.api.Test;

/** The OpenAPI document passes Redocly's recommended rules with no error and no warning. */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "sla"))
class OpenApiDocumentTest {

    @Test
    void shouldPassTheStandardLinterWithoutErrorsOrWarnings() {
        String document = given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        OpenApiLint.Result result = OpenApiLint.lint("sla-service.json", document);

        assertThat(result.clean()).as(result.report()).isTrue();
    }
}
