package io.ticketsuite.intake;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import io.ticketsuite.testkit.TestTokens;

/** Requests with the bearer token of a role (real signed JWTs the service verifies, see {@link TestTokens}). */
public final class Api {
    private Api() {}

    /** A request as {@code token}'s principal. */
    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    /** As the channel service account: creates tickets for any customer, without the tight customer rate limit. */
    public static RequestSpecification asChannel() {
        return as(TestTokens.channel());
    }

    /** As an agent (staff): reads everything, changes statuses, comments publicly or internally. */
    public static RequestSpecification asAgent() {
        return as(TestTokens.agent());
    }
}
