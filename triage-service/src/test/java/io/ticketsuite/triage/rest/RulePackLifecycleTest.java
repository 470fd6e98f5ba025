package io.ticketsuite.triage.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.events.Topics;
import io.ticketsuite.testkit.TestTokens;
import io.ticketsuite.testkit.TopicProbe;
import io.ticketsuite.triage.TicketSamples;
import io.ticketsuite.triage.classifier.RulePack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rule pack's lifecycle: an admin loads a new pack at run time; a broken one is refused with its reasons and the
 * pack in force stays; a good one takes effect without a restart and the decisions name its version. Each test puts
 * the default pack back (loading the same text under its version again is a rollback).
 */
@QuarkusTest
class RulePackLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PROBLEM = "application/problem+json";
    private static final String YAML = "application/yaml";
    private static final String ODD_TEXT_SUBJECT = "Zorblax flange wobbles";
    private static final String ODD_TEXT = "The zorblax flange wobbles sideways.";

    private String defaultYaml;
    private String defaultVersion;
    private TopicProbe triageEvents;

    @BeforeEach
    void setUp() throws IOException {
        try (InputStream in = RulePack.class.getResourceAsStream(RulePack.DEFAULT_RESOURCE)) {
            defaultYaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        defaultVersion = RulePack.load(new java.io.ByteArrayInputStream(defaultYaml.getBytes(StandardCharsets.UTF_8)))
                .version();
        triageEvents = TopicProbe.from(Topics.TRIAGE_EVENTS);
    }

    @AfterEach
    void restore() {
        triageEvents.close();
        String current = given().auth()
                .oauth2(TestTokens.admin())
                .get("/api/v1/triage/rules")
                .then()
                .statusCode(200)
                .extract()
                .path("version");
        if (!defaultVersion.equals(current)) {
            put(defaultYaml).then().statusCode(200).body("version", equalTo(defaultVersion));
        }
    }

    @Test
    void shouldRefuseABrokenPackWithEveryReasonAndKeepThePackInForce() {
        String broken = defaultYaml
                .replaceFirst("(?m)^version: .*$", "version: \"9.9.9-broken\"")
                .replaceFirst("(?m)^(  technical:\\n    terms:\\n)", "$1      zorblax: -1\n");

        put(broken)
                .then()
                .statusCode(422)
                .contentType(PROBLEM)
                .body("type", equalTo("https://ticketsuite.io/problems/invalid-rule-pack"))
                .body("reasons", hasItem(org.hamcrest.Matchers.containsString("categories.technical.terms.zorblax")));
        put("just: [a, list").then().statusCode(422).contentType(PROBLEM);
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(YAML)
                .body(new byte[0])
                .put("/api/v1/triage/rules")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);

        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/triage/rules")
                .then()
                .statusCode(200)
                .body("version", equalTo(defaultVersion))
                .body("history.version", not(hasItem("9.9.9-broken")));
    }

    @Test
    void shouldRefuseTheVersionInForceAndAVersionUsedForAnotherText() {
        put(defaultYaml).then().statusCode(409).contentType(PROBLEM);
        String sameVersionOtherText =
                defaultYaml.replaceFirst("(?m)^(  technical:\\n    terms:\\n)", "$1      zorblax: 5\n");
        put(sameVersionOtherText).then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void shouldPutAGoodPackInForceWithoutARestartAndNameItInEveryDecision() {
        assertThat(classify()).isNotEqualTo("technical");
        String version = "7.0.0-lifecycle-" + UUID.randomUUID().toString().substring(0, 8);
        String good = defaultYaml
                .replaceFirst("(?m)^version: .*$", "version: \"" + version + "\"")
                .replaceFirst("(?m)^(  technical:\\n    terms:\\n)", "$1      zorblax: 5\n");
        assertThat(good).contains("zorblax: 5");

        put(good)
                .then()
                .statusCode(200)
                .body("version", equalTo(version))
                .body("history[0].version", equalTo(version))
                .body("history[0].loaded_by", equalTo("admin-1"))
                .body("history.version", hasItem(defaultVersion));

        assertThat(classify()).isEqualTo("technical");
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/rules")
                .then()
                .statusCode(200)
                .body("version", equalTo(version))
                .body("categories.find { it.name == 'technical' }.terms.zorblax", equalTo(5.0f));

        UUID ticketId = UUID.randomUUID();
        TicketSamples.publish(TicketSamples.envelope(
                TicketSamples.created(ticketId, ODD_TEXT_SUBJECT, ODD_TEXT, CustomerTier.STARTER)));
        ConsumerRecord<String, String> record = triageEvents
                .await(
                        r -> ticketId.toString().equals(r.key())
                                && "ticket.triaged".equals(TopicProbe.header(r, CloudEventHeaders.TYPE)),
                        1,
                        WAIT)
                .get(0);
        TicketTriaged triaged = (TicketTriaged)
                EventCodec.decode(TopicProbe.headers(record), record.value()).data();
        assertThat(triaged.category()).isEqualTo("technical");
        assertThat(triaged.rulePackVersion()).isEqualTo(version);
        assertThat(triaged.explanation()).containsEntry("rule_pack_version", version);
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/triage/" + ticketId)
                .then()
                .statusCode(200)
                .body("rule_pack_version", equalTo(version));

        // rolling back to the default pack (the same text under its version) is allowed
        put(defaultYaml).then().statusCode(200).body("version", equalTo(defaultVersion));
        assertThat(classify()).isNotEqualTo("technical");
    }

    @Test
    void shouldLetOnlyAdminsLoadAPack() {
        for (String token :
                List.of(TestTokens.agent(), TestTokens.lead(), TestTokens.channel(), TestTokens.customer())) {
            given().auth()
                    .oauth2(token)
                    .contentType(YAML)
                    .body(defaultYaml.getBytes(StandardCharsets.UTF_8))
                    .put("/api/v1/triage/rules")
                    .then()
                    .statusCode(403)
                    .contentType(PROBLEM);
        }
    }

    private static io.restassured.response.Response put(String yaml) {
        return given().auth()
                .oauth2(TestTokens.staff("admin-1", "admin"))
                .contentType(YAML)
                .body(yaml.getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/triage/rules");
    }

    private static String classify() {
        return given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.JSON)
                .body("{\"subject\": \"" + ODD_TEXT_SUBJECT + "\", \"description\": \"" + ODD_TEXT + "\"}")
                .post("/api/v1/classify")
                .then()
                .statusCode(200)
                .extract()
                .path("category");
    }
}
