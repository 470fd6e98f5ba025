package io.ticketsuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's sign-in settings: the issuer whose tokens the service accepts (test-kit's issuer here: its
 * {@code quarkus.oidc.auth-server-url} is empty, so {@code quarkus.oidc.token.issuer}), the public client and the
 * scopes; readable without a token (the page needs them before anyone signs in) and kept out of the API document.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class DashboardConfigTest {

    @Test
    void shouldNameTheIssuerTheServiceTrustsAndThePublicClientWithoutAToken() {
        given().get("/dashboard/config.json")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("issuer", equalTo(TestTokens.ISSUER))
                .body("client_id", equalTo("ticketsuite-dashboard"))
                .body("scope", equalTo("openid profile"));
    }

    @Test
    void shouldLoadTheSignInScriptBeforeTheDashboard() {
        String page = given().get("/").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(page.indexOf("signin.js"))
                .isPositive()
                .isLessThan(page.indexOf("dashboard.js"));
        given().get("/signin.js").then().statusCode(200);
    }

    @Test
    void shouldKeepThePageSettingsOutOfTheApiDocument() {
        String document = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        org.assertj.core.api.Assertions.assertThat(document).doesNotContain("/dashboard/config.json");
    }
}
