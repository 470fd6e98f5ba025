package io.ticketsuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static io.ticketsuite.reporting.kpi.ReadModelFixture.cols;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.reporting.kpi.ReadModelFixture;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser: headless Chromium (Debian's {@code chromium}) opens the page with a lead's token
 * and a week holding a known fixture; every chart must have drawn data and the tiles must show the expected figures.
 * The screenshot is saved as {@code target/dashboard.png}.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class DashboardPageTest {
    private static final List<String> CHARTS =
            List.of("chart-volume", "chart-backlog", "chart-sla", "chart-times", "chart-csat", "chart-top");

    @Inject
    Pool pool;

    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldServeThePageAndChartJs() {
        given().get("/").then().statusCode(200).contentType("text/html");
        given().get("/webjars/chart.js/4.4.1/dist/chart.umd.js").then().statusCode(200);
        given().get("/dashboard.js").then().statusCode(200);
    }

    @Test
    void shouldDrawEveryChartAndTheTilesInAHeadlessBrowser() throws Exception {
        LocalDate monday =
                LocalDate.of(1950, 1, 2).plusWeeks(ThreadLocalRandom.current().nextInt(0, 500));
        Instant t0 = monday.atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofHours(9));
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        ReadModelFixture f = new ReadModelFixture(pool);
        String[] channels = {"EMAIL", "WEB", "CHAT", "API"};
        // 8 tickets over 4 days: 6 resolved (FCR for 3), 2 open; CSAT 5, 4, 5, 4 → 4.5
        for (int i = 0; i < 8; i++) {
            Instant created = t0.plus(Duration.ofDays(i / 2)).plusSeconds(i * 60L);
            boolean resolved = i < 6;
            f.ticket(cols(
                    "type",
                    "SUPPORT",
                    "channel",
                    channels[i % 4],
                    "tier",
                    "STARTER",
                    "category",
                    i % 3 == 0 ? "billing" : "technical",
                    "priority",
                    i % 2 == 0 ? "P2" : "P3",
                    "team",
                    (i % 2 == 0 ? "billing-" : "tech-") + suffix,
                    "assignee",
                    "agent-" + (i % 3),
                    "created_at",
                    created,
                    "status",
                    resolved ? "RESOLVED" : "IN_PROGRESS",
                    "first_response_at",
                    created.plusSeconds(900 + i * 60L),
                    "resolved_at",
                    resolved ? created.plusSeconds(3600L * (2 + i)) : null,
                    "agent_replies",
                    i % 2 == 0 ? 1 : 2,
                    "response_met_within",
                    true,
                    "resolution_met_within",
                    resolved ? i != 5 : null,
                    "resolution_breached",
                    i == 5,
                    "csat_score",
                    i < 4 ? (i % 2 == 0 ? 5 : 4) : null));
        }

        String url = "http://localhost:" + root.getPort() + "/#from=" + monday + "&to=" + monday.plusDays(6)
                + "&refresh=3600&token=" + TestTokens.lead();
        String dom = chromium("--dump-dom", url);

        assertThat(dom).contains("data-loaded=\"true\"");
        for (String chart : CHARTS) {
            assertThat(points(dom, chart)).as(chart + " has drawn data").isGreaterThan(0);
        }
        assertThat(points(dom, "chart-volume"))
                .as("8 tickets, one bar segment each day and channel")
                .isEqualTo(8);
        assertThat(tile(dom, "created")).isEqualTo("8");
        assertThat(tile(dom, "first_contact_resolution")).isEqualTo("50"); // i = 0, 2, 4 of 6 resolved
        assertThat(tile(dom, "csat_average")).isEqualTo("4.5");
        assertThat(tile(dom, "sla_compliance")).isEqualTo("92.86"); // 8 response met + 5 of 6 resolution met
        assertThat(tile(dom, "reopen_rate")).isEqualTo("0");
        assertThat(dom).contains("tile met").contains("tile missed");

        Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        chromium("--screenshot=" + screenshot, url);
        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot)).isGreaterThan(20_000);
    }

    private static long points(String dom, String chart) {
        Matcher m = Pattern.compile("id=\"" + chart + "\"[^>]*data-points=\"(\\d+)\"")
                .matcher(dom);
        assertThat(m.find()).as(chart + " rendered").isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String tile(String dom, String name) {
        Matcher m = Pattern.compile("id=\"tile-" + name + "\"[^>]*data-value=\"([^\"]*)\"")
                .matcher(dom);
        assertThat(m.find()).as("tile " + name).isTrue();
        return m.group(1);
    }

    /** Runs headless Chromium on the page, waiting (in virtual time) for its requests and scripts. */
    private static String chromium(String action, String url) throws IOException, InterruptedException {
        String binary = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
                .filter(p -> new File(p).canExecute())
                .findFirst()
                .orElseThrow(() -> new AssertionError("headless Chromium is needed: apt-get install -y chromium"));
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--window-size=1400,1500",
                "--virtual-time-budget=20000",
                action,
                url));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }
}
