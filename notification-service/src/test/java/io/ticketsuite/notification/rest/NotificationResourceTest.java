package io.ticketsuite.notification.rest;

import static io.restassured.RestAssured.given;
import static io.ticketsuite.notification.TestEvents.created;
import static io.ticketsuite.notification.TestEvents.email;
import static io.ticketsuite.notification.TestEvents.inbox;
import static io.ticketsuite.notification.TestEvents.page;
import static io.ticketsuite.notification.TestEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(
        value = TestInfrastructure.class,
        initArgs = @ResourceArg(name = "service", value = "notification"))
class NotificationResourceTest {

    @Test
    void shouldPageARecipientsInboxNewestFirst() {
        String email = email();
        List<UUID> tickets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID ticket = UUID.randomUUID();
            tickets.add(ticket);
            publish(created(ticket, TicketType.SUPPORT, email, "Request " + i));
        }
        await().atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> assertThat(inbox(email)).hasSize(3));

        JsonPath first = page(email.toUpperCase(), 0, 2);
        assertThat(first.getList("items")).hasSize(2);
        assertThat(first.getInt("page")).isZero();
        assertThat(first.getInt("size")).isEqualTo(2);
        assertThat(first.getLong("total")).isEqualTo(3);
        JsonPath second = page(email, 1, 2);
        assertThat(second.getList("items")).hasSize(1);
        assertThat(second.getLong("total")).isEqualTo(3);

        List<String> created = new ArrayList<>(first.getList("items.created_at"));
        created.addAll(second.getList("items.created_at"));
        assertThat(created.stream().map(Instant::parse).toList()).isSortedAccordingTo((a, b) -> b.compareTo(a));
        List<String> ids = new ArrayList<>(first.getList("items.ticket_id"));
        ids.addAll(second.getList("items.ticket_id"));
        assertThat(new HashSet<>(ids))
                .containsExactlyInAnyOrderElementsOf(
                        tickets.stream().map(UUID::toString).toList());
    }

    @Test
    void shouldAnswerAnEmptyPageForARecipientWithoutNotifications() {
        JsonPath empty = page("nobody-" + UUID.randomUUID() + "@example.com", 0, 20);
        assertThat(empty.getList("items")).isEmpty();
        assertThat(empty.getLong("total")).isZero();
    }

    @Test
    void shouldRefuseABlankRecipientWithProblemJson() {
        given().auth()
                .oauth2(TestTokens.admin())
                .queryParam("recipient", "  ")
                .when()
                .get("/api/v1/notifications")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ticketsuite.io/problems/validation"))
                .body("status", equalTo(400))
                .body("errors.field", hasItem("recipient"));
    }

    @Test
    void shouldRefuseBadPagingWithProblemJson() {
        given().auth()
                .oauth2(TestTokens.admin())
                .queryParam("recipient", "agent-1")
                .queryParam("page", "-1")
                .queryParam("size", "abc")
                .when()
                .get("/api/v1/notifications")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("page"))
                .body("errors.field", hasItem("size"));
        given().auth()
                .oauth2(TestTokens.admin())
                .queryParam("recipient", "agent-1")
                .queryParam("size", "201")
                .when()
                .get("/api/v1/notifications")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("size"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"100001", "2147483647", "99999999999999999999", "-2147483648", "-99999999999999"})
    void shouldRefuseAHugePageWithProblemJsonNotA500(String page) {
        // page × size used to overflow into a negative first result ("First result cannot be negative", a 500)
        for (String token : new String[] {TestTokens.admin(), TestTokens.customer(), TestTokens.agent()}) {
            given().auth()
                    .oauth2(token)
                    .queryParam("page", page)
                    .queryParam("size", "200")
                    .when()
                    .get("/api/v1/notifications")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://ticketsuite.io/problems/validation"))
                    .body("errors.field", hasItem("page"));
        }
    }

    @Test
    void shouldAnswerTheLastAllowedPageEmpty() {
        given().auth()
                .oauth2(TestTokens.customer())
                .queryParam("page", "100000")
                .queryParam("size", "200")
                .when()
                .get("/api/v1/notifications")
                .then()
                .statusCode(200)
                .body("items", empty())
                .body("page", equalTo(100000))
                .body("size", equalTo(200));
    }
}
