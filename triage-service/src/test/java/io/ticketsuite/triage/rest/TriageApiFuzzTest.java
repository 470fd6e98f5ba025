package io.ticketsuite.triage.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.testkit.ApiFuzzer;
import io.ticketsuite.testkit.TestTokens;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** Hostile input with valid tokens on every endpoint: never a 5xx, every 4xx a problem. */
@QuarkusTest
class TriageApiFuzzTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldAnswerHostileRequestsWithProblemsAndNeverA5xx() {
        String document = given().accept("application/json").get("/q/openapi").asString();
        // a fresh principal per request, so that rate limits do not hide the deeper paths
        ApiFuzzer fuzzer = new ApiFuzzer(
                root.getPort(),
                document,
                4711L,
                i -> i % 3 == 0 ? TestTokens.channel() : TestTokens.staff("fuzz-" + i, "admin"));

        ApiFuzzer.Report report = fuzzer.run(600);

        assertThat(report.findings()).as(report.summary()).isEmpty();
    }
}
