package io.ticketsuite.intake.rest;

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
class IntakeApiFuzzTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldAnswerHostileRequestsWithProblemsAndNeverA5xx() {
        String document = given().accept("application/json").get("/q/openapi").asString();
        // a fresh principal per request (rate limits would hide the deeper paths): staff, channels, customers
        ApiFuzzer fuzzer = new ApiFuzzer(root.getPort(), document, 4711L, i -> switch (i % 3) {
            case 0 -> TestTokens.staff("fuzz-" + i, "admin");
            case 1 -> TestTokens.token("fuzz-channel-" + i, java.util.List.of("channel"), java.util.Map.of());
            default -> TestTokens.customer("c-fuzz-" + i, "fuzz" + i + "@example.com");
        });

        ApiFuzzer.Report report = fuzzer.run(900);

        assertThat(report.findings()).as(report.summary()).isEmpty();
    }
}
