package io.ticketsuite.sla.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.testkit.ApiFuzzer;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** Hostile input with valid tokens on every endpoint: never a 5xx, every 4xx a problem. */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "sla"))
class SlaApiFuzzTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldAnswerHostileRequestsWithProblemsAndNeverA5xx() {
        String document = given().accept("application/json").get("/q/openapi").asString();
        // a fresh principal per request, so that rate limits do not hide the deeper paths
        ApiFuzzer fuzzer = new ApiFuzzer(
                root.getPort(), document, 4711L, i -> TestTokens.staff("fuzz-" + i, i % 2 == 0 ? "agent" : "admin"));

        ApiFuzzer.Report report = fuzzer.run(400);

        assertThat(report.findings()).as(report.summary()).isEmpty();
    }
}
