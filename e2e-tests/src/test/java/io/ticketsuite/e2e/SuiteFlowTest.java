package io.ticketsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsuite.events.Topics;
import io.ticketsuite.local.MailServer;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The six packaged services as separate processes against one broker: every ticket completes the whole flow
 * (triaged, assigned, both SLA clocks, notifications, report), and nothing is lost or doubled when a consumer
 * is killed with SIGKILL and when the broker restarts while tickets flow. Every call carries a real token from the
 * suite's Keycloak, and a customer's token is refused where the rules say.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteFlowTest {
    private static final Duration FLOW_TIMEOUT = Duration.ofMinutes(3);

    /** A ticket to post and what must become of it. */
    record Case(String subject, String description, String type, String channel, String tier, String category) {
        String team() {
            return switch (category) {
                case "billing" -> tier.equals("ENTERPRISE") ? "account-management" : "billing";
                case "security" -> "security";
                case "technical" -> tier.equals("ENTERPRISE") ? "eng-tier2" : "eng-tier1";
                case "account" -> "account";
                case "feature" -> "product";
                case "integration" -> "devrel";
                default -> "eng-tier1";
            };
        }

        String finalStatus() {
            return type.equals("QUESTION") ? "ACCEPTED" : "ASSIGNED";
        }
    }

    static final List<Case> CASES = List.of(
            new Case(
                    "I was charged twice on my invoice",
                    "The payment went through two times, please refund one.",
                    "SUPPORT",
                    "email",
                    "ENTERPRISE",
                    "billing"),
            new Case(
                    "Refund for a duplicate payment",
                    "We were billed twice for the same invoice this month.",
                    "SUPPORT",
                    "web",
                    "STARTER",
                    "billing"),
            new Case(
                    "The app crashes with an error when I open reports",
                    "Since the last update the reports page is broken and shows an error.",
                    "SUPPORT",
                    "monitoring",
                    "ENTERPRISE",
                    "technical"),
            new Case(
                    "Export button is broken",
                    "Clicking export crashes the page with an error every time.",
                    "SUPPORT",
                    "chat",
                    "FREE",
                    "technical"),
            new Case(
                    "I cannot log in to my account",
                    "The password reset email never arrives and I am locked out.",
                    "SUPPORT",
                    "web",
                    "PROFESSIONAL",
                    "account"),
            new Case(
                    "Can I export dashboards to PDF?",
                    "We would like a feature to export dashboards. Is this possible or can you add it?",
                    "QUESTION",
                    "api",
                    "STARTER",
                    "feature"),
            new Case(
                    "Webhook calls to our endpoint fail",
                    "Our integration with your API stopped: webhooks fail to connect to our server.",
                    "SUPPORT",
                    "api",
                    "PROFESSIONAL",
                    "integration"),
            new Case(
                    "Our account was hacked",
                    "There was a security breach, someone accessed our data and it may be exposed.",
                    "SUPPORT",
                    "phone",
                    "ENTERPRISE",
                    "security"),
            new Case(
                    "Suspicious login and possible breach",
                    "Someone hacked the admin user; data may be exposed.",
                    "SUPPORT",
                    "email",
                    "FREE",
                    "security"),
            new Case(
                    "Password reset for a new colleague",
                    "How do I give a colleague access to our account login?",
                    "QUESTION",
                    "chat",
                    "ENTERPRISE",
                    "account"),
            new Case(
                    "Delivery of the data migration keeps slipping",
                    "The customer reports the bug fix is late again and the app still crashes with an error.",
                    "ESCALATION",
                    "api",
                    "PROFESSIONAL",
                    "technical"));

    private RunningSuite suite;
    private final Random random = new Random();
    private final AtomicInteger customers = new AtomicInteger();

    @BeforeAll
    void startSuite() {
        suite = new RunningSuite().start();
    }

    @AfterAll
    void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void shouldCarryEveryTicketThroughTheWholeFlow() {
        Map<String, Case> posted = new LinkedHashMap<>();
        for (Case c : CASES) {
            posted.put(post(c), c);
        }

        await().atMost(FLOW_TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (var entry : posted.entrySet()) {
                assertCompleted(entry.getKey(), entry.getValue());
            }
        });
        Map<String, Integer> byCategory = new java.util.TreeMap<>();
        posted.values().forEach(c -> byCategory.merge(c.category(), 1, Integer::sum));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode summary = Http.get(suite.url("reporting-service") + "/api/v1/reports/summary", lead())
                    .body();
            assertThat(summary).isNotNull();
            assertThat(summary.path("tickets").path("total").asInt()).isEqualTo(posted.size());
            for (var category : byCategory.entrySet()) {
                assertThat(summary.path("tickets")
                                .path("by_category")
                                .path(category.getKey())
                                .asInt())
                        .as("tickets of category %s in the report", category.getKey())
                        .isEqualTo(category.getValue());
            }
        });
        assertNoDeadLetters();
    }

    @Test
    @Order(2)
    void shouldFollowATierEscalationAndALeadsReassignmentInIntakeSlaAndNotification() {
        Case c = new Case(
                "The export page crashes with an error after the update",
                "Clicking export shows an error and the page is broken every time.",
                "SUPPORT",
                "web",
                "FREE",
                "technical");
        String id = post(c);
        String intake = suite.url("intake-service") + "/api/v1/tickets/" + id;
        String routing = suite.url("routing-service") + "/api/v1/assignments/" + id;
        await().atMost(FLOW_TIMEOUT)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(
                                Http.get(intake, agent()).body().path("status").asText())
                        .isEqualTo("ASSIGNED"));
        JsonNode first = Http.get(routing, agent()).body();
        assertThat(first.path("team_id").asText()).isEqualTo("eng-tier1");
        assertThat(first.path("tier").asText()).isEqualTo("T1");
        String tier1Agent = first.path("agent_id").asText();

        // an agent escalates the ticket to Tier 2, with the reason
        String why = "Reproduced; needs a database fix beyond Tier 1";
        Http.Response escalated =
                Http.post(routing + "/escalate-tier", "{\"reason\": %s}".formatted(quote(why)), agent());
        assertThat(escalated.status())
                .as("escalate-tier answer %s", escalated.body())
                .isEqualTo(200);
        assertThat(escalated.body().path("team_id").asText()).isEqualTo("eng-tier2");
        assertThat(escalated.body().path("tier").asText()).isEqualTo("T2");
        assertThat(escalated.body().path("reason").asText()).contains(why);
        String tier2Agent = escalated.body().path("agent_id").asText();
        assertThat(tier2Agent).isNotBlank().isNotEqualTo(tier1Agent);
        assertFollowed(id, "eng-tier2", tier2Agent, tier1Agent, why);

        // a lead moves it to another Tier 2 agent, with the reason
        String other = null;
        for (JsonNode team :
                Http.get(suite.url("routing-service") + "/api/v1/teams", lead()).body()) {
            if (team.path("id").asText().equals("eng-tier2")) {
                for (JsonNode agent : team.path("agents")) {
                    if (!agent.path("id").asText().equals(tier2Agent)
                            && agent.path("status").asText().equals("AVAILABLE")
                            && agent.path("active").asBoolean()) {
                        other = agent.path("id").asText();
                        break;
                    }
                }
            }
        }
        assertThat(other).as("a second available Tier 2 agent").isNotNull();
        String because = "Knows this customer's export setup";
        Http.Response moved = Http.post(
                routing + "/reassign",
                "{\"agent_id\": %s, \"reason\": %s}".formatted(quote(other), quote(because)),
                lead());
        assertThat(moved.status()).as("reassign answer %s", moved.body()).isEqualTo(200);
        assertThat(moved.body().path("agent_id").asText()).isEqualTo(other);
        assertThat(moved.body().path("reassignments").asInt()).isEqualTo(2);
        assertFollowed(id, "eng-tier2", other, tier2Agent, because);

        // each move was announced once, and the ticket kept working through it
        List<TopicLog.Entry> routingEvents =
                TopicLog.read(suite.broker.bootstrapServers(), List.of(Topics.ROUTING_EVENTS));
        assertThat(distinctEvents(routingEvents, id, "ticket.reassigned")).isEqualTo(2);
        assertThat(Http.get(intake, agent()).body().path("status").asText()).isEqualTo("ASSIGNED");
        assertThat(Http.get(suite.url("sla-service") + "/api/v1/sla/" + id, agent())
                        .body()
                        .path("clocks"))
                .hasSize(2);
        assertNoDeadLetters();
    }

    @Test
    @Order(3)
    void shouldTurnAnEmailIntoATicketAnswerTheCustomerByEmailAndThreadTheirReply() throws Exception {
        String word = "zx" + Long.toString(Math.abs(random.nextLong()), 36);
        String customer = "eve-" + word + "@example.com";
        Session session = mailSession();
        MimeMessage mail = new MimeMessage(session);
        mail.setFrom(new InternetAddress(customer, "Eve Example"));
        mail.setRecipients(Message.RecipientType.TO, MailServer.SUPPORT_ADDRESS);
        mail.setSubject("I was charged twice on my invoice " + word, "UTF-8");
        mail.setText("The payment went through two times, please refund one.\nEve", "UTF-8");
        Transport.send(mail);

        // the suite's IMAP poller reads the support mailbox: one ticket, channel EMAIL, triaged and assigned
        String[] found = new String[2];
        await().atMost(FLOW_TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode page = Http.get(suite.url("intake-service") + "/api/v1/tickets?q=" + word, agent())
                    .body();
            assertThat(page.path("items")).as("tickets found by %s", word).hasSize(1);
            JsonNode ticket = page.path("items").get(0);
            assertThat(ticket.path("channel").asText()).isEqualTo("EMAIL");
            assertThat(ticket.path("customer").path("email").asText()).isEqualTo(customer);
            assertThat(ticket.path("status").asText()).isEqualTo("ASSIGNED");
            found[0] = ticket.path("id").asText();
            found[1] = ticket.path("ref").asText();
        });
        String id = found[0];
        String ref = found[1];
        assertThat(ref).matches("TS-\\d+");

        // the acknowledgement reaches the customer's mailbox, its subject tagged with the reference
        MimeMessage[] ack = new MimeMessage[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    List<MimeMessage> tagged = new ArrayList<>();
                    for (MimeMessage m : inbox(customer)) {
                        if (m.getSubject().contains("[" + ref + "]")) {
                            tagged.add(m);
                        }
                    }
                    assertThat(tagged)
                            .as("mail to %s tagged [%s]", customer, ref)
                            .isNotEmpty();
                    ack[0] = tagged.get(0);
                });
        String ackId = ack[0].getMessageID();
        assertThat(ackId).contains(id);

        // her reply threads back: a public customer comment on the same ticket, quoted history stripped
        MimeMessage reply = new MimeMessage(session);
        reply.setFrom(new InternetAddress(customer, "Eve Example"));
        reply.setRecipients(Message.RecipientType.TO, MailServer.SUPPORT_ADDRESS);
        reply.setSubject("Re: " + ack[0].getSubject(), "UTF-8");
        reply.setHeader("In-Reply-To", ackId);
        reply.setHeader("References", ackId);
        reply.setText("The second charge is on card ending 4242.\n\n> earlier text the suite sent\n", "UTF-8");
        Transport.send(reply);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonNode comments = Http.get(
                                    suite.url("intake-service") + "/api/v1/tickets/" + id + "/comments", agent())
                            .body();
                    assertThat(comments).anySatisfy(c -> {
                        assertThat(c.path("body").asText()).contains("card ending 4242");
                        assertThat(c.path("body").asText()).doesNotContain("earlier text the suite sent");
                        assertThat(c.path("visibility").asText()).isEqualTo("PUBLIC");
                        assertThat(c.path("author").path("role").asText()).isEqualTo("CUSTOMER");
                    });
                });
        // still one ticket for the conversation
        assertThat(Http.get(suite.url("intake-service") + "/api/v1/tickets?q=" + word, agent())
                        .body()
                        .path("items"))
                .hasSize(1);
        assertNoDeadLetters();
    }

    private Session mailSession() {
        java.util.Properties props = new java.util.Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(suite.mail.smtpPort()));
        return Session.getInstance(props);
    }

    /** Every message in {@code address}'s mailbox on the local mail server (any password opens it). */
    private List<MimeMessage> inbox(String address) throws Exception {
        try (Store store = mailSession().getStore("imap")) {
            store.connect("127.0.0.1", suite.mail.imapPort(), address, "any");
            Folder folder = store.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            List<MimeMessage> messages = new ArrayList<>();
            for (Message m : folder.getMessages()) {
                messages.add(new MimeMessage((MimeMessage) m));
            }
            folder.close(false);
            return messages;
        }
    }

    /**
     * After a move to {@code agent} of {@code team}: intake shows the new team and assignee, sla-service times the
     * ticket for them, the new agent is told why (once) and the previous one that it moved away (once).
     */
    private void assertFollowed(String id, String team, String agent, String previous, String reason) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonNode ticket = Http.get(suite.url("intake-service") + "/api/v1/tickets/" + id, agent())
                            .body();
                    assertThat(ticket.path("team").asText()).as("intake team").isEqualTo(team);
                    assertThat(ticket.path("assignee").asText())
                            .as("intake assignee")
                            .isEqualTo(agent);
                    JsonNode sla = Http.get(suite.url("sla-service") + "/api/v1/sla/" + id, agent())
                            .body();
                    assertThat(sla.path("team_id").asText()).as("sla team").isEqualTo(team);
                    assertThat(sla.path("assignee_id").asText())
                            .as("sla assignee")
                            .isEqualTo(agent);
                    List<JsonNode> toNew = notifications(agent, id).stream()
                            .filter(n -> n.path("kind").asText().equals("ticket-reassigned"))
                            .toList();
                    assertThat(toNew).as("reassignment notices to %s", agent).hasSize(1);
                    assertThat(toNew.get(0).path("body").asText()).contains(reason);
                    assertThat(notifications(previous, id))
                            .extracting(n -> n.path("kind").asText())
                            .as("notices to the previous agent %s", previous)
                            .containsOnlyOnce("ticket-moved-away");
                });
    }

    @Test
    @Order(4)
    void shouldMakeOneTicketOneTraceAcrossTheServices() {
        // the channel's request carries its own W3C trace context: intake continues it, and so must every service
        String traceId = hex(16);
        String parentSpanId = hex(8);
        int n = customers.incrementAndGet();
        String body = """
                {"subject": "Invoice shows the wrong amount", "description": "We were charged twice for the same plan this month.",
                 "type": "SUPPORT", "channel": "api",
                 "customer": {"id": "e2e-%d", "email": "customer-%d@example.com", "tier": "STARTER", "language": "en"}}""".formatted(n, n);
        Http.Response created = Http.post(
                suite.url("intake-service") + "/api/v1/tickets",
                body,
                suite.token("channel"),
                Map.of("traceparent", "00-" + traceId + "-" + parentSpanId + "-01"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asText();
        await().atMost(FLOW_TIMEOUT)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(Http.get(suite.url("intake-service") + "/api/v1/tickets/" + id, agent())
                                .body()
                                .path("status")
                                .asText())
                        .isEqualTo("ASSIGNED"));

        // every service's spans for this ticket reach the collector under the request's trace id
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    List<OtlpReceiver.Span> trace = suite.traces().trace(traceId);
                    assertThat(trace)
                            .as("the creating request's server span, a child of the channel's span")
                            .anySatisfy(span -> {
                                assertThat(span.service()).isEqualTo("intake-service");
                                assertThat(span.kind()).isEqualTo("SPAN_KIND_SERVER");
                                assertThat(span.name()).isEqualTo("POST /api/v1/tickets");
                                assertThat(span.parentSpanId()).isEqualTo(parentSpanId);
                            });
                    for (String service : List.of(
                            "triage-service",
                            "routing-service",
                            "sla-service",
                            "notification-service",
                            "reporting-service")) {
                        assertThat(trace)
                                .as("%s consumed this ticket's events in the same trace", service)
                                .anySatisfy(span -> {
                                    assertThat(span.service()).isEqualTo(service);
                                    assertThat(span.kind()).isEqualTo("SPAN_KIND_CONSUMER");
                                });
                    }
                    // each consumer span hangs under a span of the trace (a producer's), none starts a trace of its own
                    Set<String> spanIds =
                            trace.stream().map(OtlpReceiver.Span::spanId).collect(Collectors.toSet());
                    assertThat(trace.stream().filter(span -> span.kind().equals("SPAN_KIND_CONSUMER")))
                            .allSatisfy(span -> assertThat(span.parentSpanId()).isIn(spanIds));
                });
    }

    @Test
    @Order(5)
    void shouldLoseAndDoubleNothingWhenAConsumerCrashesAndTheBrokerRestarts() throws Exception {
        List<String> consumers = List.of("triage-service", "routing-service", "sla-service", "notification-service");
        String victim = System.getProperty("e2e.victim", consumers.get(random.nextInt(consumers.size())));
        System.out.println("e2e crash scenario: kill -9 " + victim + ", then restart the broker");

        Map<String, Case> posted = Collections.synchronizedMap(new LinkedHashMap<>());
        Thread poster = new Thread(() -> {
            for (int i = 0; i < 40; i++) {
                Case c = CASES.get(i % CASES.size());
                String id = post(c);
                posted.put(id, c);
                ServiceProcess.sleep(400);
            }
        });
        poster.start();
        ServiceProcess.sleep(3_000);
        System.out.println(
                "killing " + victim + " (pid " + suite.service(victim).pid() + ")");
        suite.crashAndRestart(victim, Duration.ofSeconds(2));
        ServiceProcess.sleep(1_000);
        System.out.println("restarting the broker");
        suite.restartBroker(Duration.ofSeconds(2));
        poster.join();
        assertThat(posted).hasSize(40);

        await().atMost(FLOW_TIMEOUT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (var entry : Map.copyOf(posted).entrySet()) {
                assertCompleted(entry.getKey(), entry.getValue());
            }
        });

        // exactly once: one decision, one assignment, one clock pair per ticket, however often records came again
        List<TopicLog.Entry> log = TopicLog.read(
                suite.broker.bootstrapServers(),
                List.of(Topics.TRIAGE_EVENTS, Topics.ROUTING_EVENTS, Topics.SLA_EVENTS));
        for (String id : posted.keySet()) {
            assertThat(distinctEvents(log, id, "ticket.triaged"))
                    .as("triage decisions of %s", id)
                    .isEqualTo(1);
            assertThat(distinctEvents(log, id, "ticket.assigned"))
                    .as("assignments of %s", id)
                    .isEqualTo(1);
            assertThat(distinctEvents(log, id, "sla.started"))
                    .as("sla.started of %s", id)
                    .isEqualTo(1);
        }
        assertNoDeadLetters();
    }

    @Test
    @Order(6)
    void shouldEnforceWhoMaySeeAndDoWhatWithRealTokensFromTheIdentityProvider() {
        String ann = suite.token("customer");
        String ben = suite.token("customer2");

        // no token: 401 problems everywhere under /api
        for (var api : Map.of(
                        "intake-service", "/api/v1/tickets",
                        "triage-service", "/api/v1/rules",
                        "routing-service", "/api/v1/teams",
                        "notification-service", "/api/v1/notifications",
                        "reporting-service", "/api/v1/reports/summary")
                .entrySet()) {
            String url = suite.url(api.getKey()) + api.getValue();
            Http.Response response = Http.get(url, null);
            assertThat(response.status())
                    .as(() -> "GET " + url + " without a token"
                            + (response.error() == null
                                    ? ""
                                    : ": " + response.error() + "\n"
                                            + suite.service(api.getKey()).describe()))
                    .isEqualTo(401);
            assertThat(response.body().path("type").asText()).endsWith("/unauthorized");
        }

        // a customer creates for themselves: id, email and tier come from the token, not from the body
        Http.Response created = Http.post(suite.url("intake-service") + "/api/v1/tickets", """
                {"subject": "I was charged twice on my invoice", "description": "Two identical charges", "type": "SUPPORT",
                 "channel": "web", "customer": {"id": "c-999", "email": "mallory@example.com", "tier": "FREE", "language": "en"}}""", ann);
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asText();
        assertThat(created.body().path("customer").path("id").asText()).isEqualTo("c-42");
        assertThat(created.body().path("customer").path("email").asText()).isEqualTo("ann@example.com");
        assertThat(created.body().path("customer").path("tier").asText()).isEqualTo("ENTERPRISE");

        // never an ESCALATION from a customer
        Http.Response escalation = Http.post(suite.url("intake-service") + "/api/v1/tickets", """
                {"subject": "Scope creep", "description": "x", "type": "ESCALATION", "channel": "api",
                 "customer": {"id": "c-42", "email": "ann@example.com", "tier": "ENTERPRISE", "language": "en"}}""", ann);
        assertThat(escalation.status()).isEqualTo(403);

        // Ann sees her ticket; Ben neither reads it nor finds it in his list
        assertThat(Http.get(suite.url("intake-service") + "/api/v1/tickets/" + id, ann)
                        .status())
                .isEqualTo(200);
        assertThat(Http.get(suite.url("intake-service") + "/api/v1/tickets/" + id, ben)
                        .status())
                .isEqualTo(404);
        JsonNode bens = Http.get(suite.url("intake-service") + "/api/v1/tickets?size=200", ben)
                .body();
        bens.path("items").forEach(t -> assertThat(t.path("id").asText()).isNotEqualTo(id));
        JsonNode escalations = Http.get(suite.url("intake-service") + "/api/v1/tickets?type=ESCALATION&size=200", ann)
                .body();
        assertThat(escalations.path("items"))
                .as("a customer never lists ESCALATION tickets")
                .isEmpty();

        // staff views are staff only
        assertThat(Http.get(suite.url("routing-service") + "/api/v1/teams", ann).status())
                .isEqualTo(403);
        assertThat(Http.get(suite.url("sla-service") + "/api/v1/sla/" + id, ann).status())
                .isEqualTo(403);
        assertThat(Http.get(suite.url("reporting-service") + "/api/v1/reports/summary", ann)
                        .status())
                .isEqualTo(403);

        // Ann's own inbox has her acknowledgement; Ben may not read hers
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode inbox = Http.get(suite.url("notification-service") + "/api/v1/notifications?size=200", ann)
                    .body();
            List<String> kinds = new ArrayList<>();
            inbox.path("items").forEach(n -> {
                if (n.path("ticket_id").asText().equals(id)) {
                    kinds.add(n.path("kind").asText());
                }
            });
            assertThat(kinds).containsExactly("ticket-acknowledged");
        });
        assertThat(Http.get(
                                suite.url("notification-service") + "/api/v1/notifications?recipient=ann%40example.com",
                                ben)
                        .status())
                .isEqualTo(403);

        // a customer's comment that claims to be an agent's does not meet the response clock; the agent's does
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(Http.get(suite.url("sla-service") + "/api/v1/sla/" + id, agent())
                                .body()
                                .path("clocks"))
                        .hasSize(2));
        Http.Response fake = Http.post(
                suite.url("intake-service") + "/api/v1/tickets/" + id + "/comments",
                "{\"body\": \"I am the agent, honest\", \"visibility\": \"PUBLIC\","
                        + " \"author\": {\"id\": \"agent-7\", \"role\": \"agent\"}}",
                ann);
        assertThat(fake.status()).isEqualTo(201);
        assertThat(fake.body().path("author").path("role").asText()).isEqualTo("CUSTOMER");
        ServiceProcess.sleep(1_500);
        Http.Response reply = Http.post(
                suite.url("intake-service") + "/api/v1/tickets/" + id + "/comments",
                "{\"body\": \"Refund issued\", \"visibility\": \"PUBLIC\"}",
                agent());
        assertThat(reply.status()).isEqualTo(201);
        Instant replied = instant(reply.body(), "created_at");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode response = null;
            for (JsonNode clock : Http.get(suite.url("sla-service") + "/api/v1/sla/" + id, agent())
                    .body()
                    .path("clocks")) {
                if (clock.path("clock").asText().equals("RESPONSE")) {
                    response = clock;
                }
            }
            assertThat(response).isNotNull();
            assertThat(response.path("met_at").isTextual())
                    .as("response clock met")
                    .isTrue();
            assertThat(instant(response, "met_at"))
                    .as("met by the agent's reply")
                    .isAfterOrEqualTo(replied);
        });
        assertNoDeadLetters();
    }

    /**
     * Issue 13's fault test: while tickets flow, PostgreSQL is stopped for 30 s and started again, then each service
     * in turn (intake and reporting included) is killed with SIGKILL and restarted, then the broker is restarted.
     * Afterwards every ticket is triaged, assigned, has both clocks and exactly one notification per (event,
     * recipient), the report counts every ticket, and nothing is on a dead-letter topic: a failure of the
     * environment is waited out, never dead-lettered.
     */
    @Test
    @Order(7)
    void shouldWaitOutADatabaseOutageAndACrashOfEveryServiceWithoutADeadLetter() throws Exception {
        // the earlier tests' tickets first: reporting applies what arrived in up to 500 ms at once
        int reportedBefore = settledReportedTotal();
        Map<String, Case> posted = Collections.synchronizedMap(new LinkedHashMap<>());
        int tickets = 36;
        Thread poster = new Thread(() -> {
            for (int i = 0; i < tickets; i++) {
                Case c = CASES.get(i % CASES.size());
                posted.put(postUntilAccepted(c), c);
                ServiceProcess.sleep(1_000);
            }
        });
        poster.start();
        ServiceProcess.sleep(3_000);
        System.out.println("fault scenario: PostgreSQL stopped for 30 s");
        suite.stopPostgres(Duration.ofSeconds(30));
        System.out.println("fault scenario: PostgreSQL is back, every service ready again");
        for (String name : RunningSuite.SERVICES) {
            System.out.println("fault scenario: kill -9 " + name);
            suite.crashAndRestart(name, Duration.ofSeconds(1));
        }
        System.out.println("fault scenario: restarting the broker");
        suite.restartBroker(Duration.ofSeconds(2));
        poster.join();
        assertThat(posted).hasSize(tickets);

        await().atMost(FLOW_TIMEOUT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (var entry : Map.copyOf(posted).entrySet()) {
                assertCompleted(entry.getKey(), entry.getValue());
            }
        });
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(reportedTotal()).isEqualTo(reportedBefore + tickets));
        assertNoDeadLetters();
    }

    /** The report's total once two reads 2 s apart agree (nothing of an earlier test still on its way). */
    private int settledReportedTotal() {
        int[] last = {-1};
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    int now = reportedTotal();
                    boolean settled = now == last[0];
                    last[0] = now;
                    return settled;
                });
        return last[0];
    }

    private int reportedTotal() {
        JsonNode summary = Http.get(suite.url("reporting-service") + "/api/v1/reports/summary", lead())
                .body();
        assertThat(summary).as("report summary").isNotNull();
        return summary.path("tickets").path("total").asInt();
    }

    /** POSTs a ticket with one Idempotency-Key until intake accepts it (it may be down, or its database). */
    private String postUntilAccepted(Case c) {
        int n = customers.incrementAndGet();
        String body = """
                {"subject": %s, "description": %s, "type": "%s", "channel": "%s",
                 "customer": {"id": "e2e-%d", "email": "customer-%d@example.com", "tier": "%s", "language": "en"}}""".formatted(quote(c.subject()), quote(c.description()), c.type(), c.channel(), n, n, c.tier());
        String key = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            String token = c.type().equals("ESCALATION") ? agent() : suite.token("channel");
            Http.Response response = Http.post(suite.url("intake-service") + "/api/v1/tickets", body, token, key);
            if (response.status() == 201 || response.status() == 200) {
                return response.body().path("id").asText();
            }
            assertThat(response.status())
                    .as("POST %s: only an unavailable service may refuse it", c.subject())
                    .isIn(-1, 500, 502, 503, 504);
            assertThat(System.nanoTime()).as("accepted within 3 minutes").isLessThan(deadline);
            ServiceProcess.sleep(1_000);
        }
    }

    private void assertCompleted(String id, Case c) {
        JsonNode ticket = Http.get(suite.url("intake-service") + "/api/v1/tickets/" + id, agent())
                .body();
        assertThat(ticket.path("status").asText())
                .as("status of %s (%s)", id, c.subject())
                .isEqualTo(c.finalStatus());
        assertThat(ticket.path("category").asText())
                .as("category of %s", c.subject())
                .isEqualTo(c.category());
        assertThat(ticket.path("team").asText()).as("team of %s", c.subject()).isEqualTo(c.team());

        String expectedPriority = preview(c).path("priority").asText();
        assertThat(ticket.path("priority").asText())
                .as("priority of %s", c.subject())
                .isEqualTo(expectedPriority);

        JsonNode assignment = Http.get(suite.url("routing-service") + "/api/v1/assignments/" + id, agent())
                .body();
        assertThat(assignment.path("team_id").asText()).isEqualTo(c.team());
        assertThat(assignment.path("agent_id").asText())
                .isEqualTo(ticket.path("assignee").asText());

        // both clocks are due when the SLA preview says a ticket of this tier and priority, created then, is due
        JsonNode sla = Http.get(suite.url("sla-service") + "/api/v1/sla/" + id, agent())
                .body();
        assertThat(sla.path("clocks")).as("clocks of %s", id).hasSize(2);
        JsonNode preview = Http.post(
                        suite.url("sla-service") + "/api/v1/sla/preview",
                        "{\"tier\": \"%s\", \"priority\": \"%s\", \"created_at\": \"%s\"}"
                                .formatted(
                                        c.tier(),
                                        expectedPriority,
                                        ticket.path("created_at").asText()),
                        agent())
                .body();
        Map<String, Instant> due = new java.util.HashMap<>();
        preview.path("clocks").forEach(clock -> due.put(clock.path("clock").asText(), instant(clock, "due_at")));
        assertThat(due).as("preview of %s", id).containsKeys("RESPONSE", "RESOLUTION");
        for (JsonNode clock : sla.path("clocks")) {
            assertThat(instant(clock, "due_at"))
                    .as("%s due of %s", clock.path("clock").asText(), id)
                    .isEqualTo(due.get(clock.path("clock").asText()));
        }

        String customer = ticket.path("customer").path("email").asText();
        List<JsonNode> toCustomer = notifications(customer, id);
        if (c.type().equals("ESCALATION")) {
            assertThat(toCustomer)
                    .as("an escalation never reaches the customer")
                    .isEmpty();
        } else {
            assertThat(toCustomer).extracting(n -> n.path("kind").asText()).containsExactly("ticket-acknowledged");
        }
        // the assignee: told of the assignment once, and paged once per escalation level that names them (a P1
        // pages the on-call engineer, a security ticket the security lead — who may be the assignee)
        String assignee = ticket.path("assignee").asText();
        List<JsonNode> toAgent = notifications(assignee, id);
        assertThat(toAgent)
                .extracting(n -> n.path("kind").asText())
                .filteredOn(kind -> !kind.startsWith("ticket-escalated"))
                .containsExactly("ticket-assigned");
        JsonNode escalations = Http.get(
                        suite.url("routing-service") + "/api/v1/escalations?size=200&ticket_id=" + id, lead())
                .body();
        long levelsNamingAssignee = 0;
        for (JsonNode escalation : escalations.path("items")) {
            for (JsonNode target : escalation.path("targets")) {
                if (assignee.equals(target.path("staff_id").asText())) {
                    levelsNamingAssignee++;
                }
            }
        }
        assertThat(toAgent.stream()
                        .filter(n -> n.path("kind").asText().startsWith("ticket-escalated"))
                        .count())
                .as("escalation notices to the assignee %s of %s: one per escalation level naming them", assignee, id)
                .isEqualTo(levelsNamingAssignee);
    }

    private List<JsonNode> notifications(String recipient, String ticketId) {
        JsonNode page = Http.get(
                        suite.url("notification-service") + "/api/v1/notifications?size=200&recipient="
                                + java.net.URLEncoder.encode(recipient, java.nio.charset.StandardCharsets.UTF_8),
                        suite.token("admin"))
                .body();
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(n -> {
            if (n.path("ticket_id").asText().equals(ticketId)) {
                items.add(n);
            }
        });
        return items;
    }

    private JsonNode preview(Case c) {
        String body = "{\"subject\": %s, \"description\": %s, \"customer\": {\"tier\": \"%s\"}}"
                .formatted(quote(c.subject()), quote(c.description()), c.tier());
        return Http.post(suite.url("triage-service") + "/api/v1/classify", body, agent())
                .body();
    }

    private String post(Case c) {
        int n = customers.incrementAndGet();
        String body = """
                {"subject": %s, "description": %s, "type": "%s", "channel": "%s",
                 "customer": {"id": "e2e-%d", "email": "customer-%d@example.com", "tier": "%s", "language": "en"}}""".formatted(quote(c.subject()), quote(c.description()), c.type(), c.channel(), n, n, c.tier());
        // a channel creates for any customer; an ESCALATION is internal: staff only
        String token = c.type().equals("ESCALATION") ? agent() : suite.token("channel");
        Http.Response response = Http.post(suite.url("intake-service") + "/api/v1/tickets", body, token);
        assertThat(response.status()).as("POST %s", c.subject()).isEqualTo(201);
        return response.body().path("id").asText();
    }

    private String agent() {
        return suite.token("agent");
    }

    private String lead() {
        return suite.token("lead");
    }

    private static Instant instant(JsonNode node, String field) {
        return Instant.parse(node.path(field).asText());
    }

    private static long distinctEvents(List<TopicLog.Entry> log, String ticketId, String type) {
        return log.stream()
                .filter(e -> ticketId.equals(e.key()) && type.equals(e.type()))
                .map(TopicLog.Entry::id)
                .distinct()
                .count();
    }

    private void assertNoDeadLetters() {
        List<TopicLog.Entry> dead = TopicLog.read(suite.broker.bootstrapServers(), Topics.DEAD_LETTER);
        assertThat(dead).as("records on dead-letter topics").isEmpty();
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String quote(String s) {
        try {
            return Http.JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
