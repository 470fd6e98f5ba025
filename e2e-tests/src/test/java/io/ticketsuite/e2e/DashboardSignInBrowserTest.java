package io.ticketsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's sign-in in a real browser against the suite's real Keycloak: Debian's Chromium, driven by its
 * chromedriver through Selenium, opens reporting-service's page, is sent to Keycloak's login form (authorization
 * code + PKCE S256, public client {@code ticketsuite-dashboard}), signs a lead in with the realm's password, comes
 * back to the page with the reports read with the lead's token, and signs out through Keycloak's end-session
 * endpoint. A customer who signs in is told she is not allowed (the report API answers her token 403).
 *
 * <p>Only Keycloak, the broker, PostgreSQL, the mail server, intake-service (one ticket, so the reports hold data) and
 * reporting-service run. The realm lets the dashboard come back to {@code http://127.0.0.1:8086/} only, as
 * {@code ./suite up} serves it; the test adds the page's address on its free port to the client through Keycloak's
 * admin API, as an operator registers a deployment's address. Every wait is explicit and bounded; the browser is
 * always quit and its processes (found by the test's own profile directory) killed if they outlive that. Screenshots:
 * {@code target/dashboard-signin-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardSignInBrowserTest {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Path TARGET = Path.of(System.getProperty("e2e.root", ".."))
            .resolve("e2e-tests/target")
            .toAbsolutePath();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningSuite suite;
    /** The dashboard as the browser opens it: {@code http://127.0.0.1:<port>/}. */
    private String page;
    /** A window around today that holds the ticket posted below, and no refresh while the test reads the page. */
    private String fragment;

    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void startSuite() {
        assertThat(new File(CHROMIUM).canExecute())
                .as("Debian's chromium (apt-get install -y chromium)")
                .isTrue();
        assertThat(new File(CHROMEDRIVER).canExecute())
                .as("Debian's chromedriver (apt-get install -y chromium-driver)")
                .isTrue();
        suite = new RunningSuite(List.of("intake-service", "reporting-service"));
        suite.start(); // assigned first: @AfterAll stops what started even when a service never gets ready
        page = suite.url("reporting-service") + "/";
        allowDashboardAt(page);

        String body = """
                {"subject": "Invoice charged twice", "description": "The payment went through two times.",
                 "type": "SUPPORT", "channel": "web",
                 "customer": {"id": "e2e-dashboard", "email": "dashboard@example.com", "tier": "STARTER",
                              "language": "en"}}""";
        Http.Response created =
                Http.post(suite.url("intake-service") + "/api/v1/tickets", body, suite.token("channel"));
        assertThat(created.status()).as("POST a ticket: %s", created.body()).isEqualTo(201);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        fragment = "#from=" + today.minusDays(1) + "&to=" + today.plusDays(1) + "&refresh=3600";
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Http.Response summary = Http.get(
                            suite.url("reporting-service") + "/api/v1/reports/summary?from=" + today.minusDays(1)
                                    + "&to=" + today.plusDays(1),
                            suite.token("lead"));
                    assertThat(summary.status()).isEqualTo(200);
                    assertThat(summary.body().path("tickets").path("total").asInt())
                            .isEqualTo(1);
                });
    }

    @AfterAll
    void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldSignALeadInThroughKeycloakShowTheReportsAndSignOut() {
        inBrowser("lead", browser -> {
            WebDriver driver = browser.driver;
            driver.get(page + fragment);

            // the page sends the browser to Keycloak's authorization endpoint, with PKCE
            WebElement username = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            Map<String, String> authorize = query(driver.getCurrentUrl());
            assertThat(driver.getCurrentUrl()).startsWith(suite.issuer() + "/protocol/openid-connect/auth?");
            assertThat(authorize)
                    .containsEntry("response_type", "code")
                    .containsEntry("client_id", "ticketsuite-dashboard")
                    .containsEntry("redirect_uri", page)
                    .containsEntry("code_challenge_method", "S256")
                    .containsKeys("code_challenge", "state", "nonce");
            assertThat(authorize.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");

            signIn(browser, username, "lead-account-management");

            // back on the dashboard: the code is gone from the address bar, the reports read with the lead's token
            browser.until(d -> "true".equals(bodyData(d, "loaded")));
            assertThat(driver.getCurrentUrl())
                    .startsWith(page)
                    .doesNotContain("code=")
                    .doesNotContain("state=");
            WebElement who = driver.findElement(By.id("who-name"));
            assertThat(who.getText()).isEqualTo("Signed in as Marcus Reed (lead)");
            assertThat(who.getDomAttribute("data-subject")).isEqualTo("lead-account-management");
            assertThat(driver.findElement(By.id("signout")).isDisplayed()).isTrue();
            assertThat(driver.findElement(By.id("signin")).isDisplayed()).isFalse();
            WebElement created = driver.findElement(By.id("tile-created"));
            assertThat(created.getDomAttribute("data-value"))
                    .as("tickets created")
                    .isEqualTo("1");
            assertThat(created.findElement(By.className("value")).getText()).isEqualTo("1");
            assertThat(driver.findElements(By.cssSelector("#tiles .tile")).size())
                    .as("KPI tiles")
                    .isGreaterThan(3);
            assertThat(Integer.parseInt(
                            driver.findElement(By.id("chart-volume")).getDomAttribute("data-points")))
                    .as("the volume chart drew the ticket")
                    .isEqualTo(1);
            // the fragment (period, refresh) survived the round trip through Keycloak
            assertThat(driver.findElement(By.id("from")).getDomProperty("value"))
                    .isEqualTo(fragment.substring("#from=".length(), "#from=".length() + 10));
            assertThat(driver.findElement(By.id("status")).getText())
                    .startsWith("Updated ")
                    .endsWith("refreshes every 3600 s");
            assertThat(driver.findElement(By.id("forbidden")).isDisplayed()).isFalse();
            browser.screenshot("dashboard-signin-lead.png");

            // sign out: Keycloak's end-session endpoint, then the page waits for a click on Sign in
            driver.findElement(By.id("signout")).click();
            WebElement signInButton =
                    browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-oidc")));
            assertThat(driver.getCurrentUrl()).startsWith(page);
            assertThat(driver.findElement(By.id("who")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.id("signout")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.id("reports")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("Sign in to see the reports");
            assertThat(bodyData(driver, "loaded")).isNull();
            assertThat(driver.findElements(By.cssSelector("#tiles .tile"))).isEmpty();
            browser.screenshot("dashboard-signin-signed-out.png");

            // the Keycloak session ended too: Sign in shows the login form again instead of coming straight back
            signInButton.click();
            browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            assertThat(driver.getCurrentUrl()).startsWith(suite.issuer() + "/protocol/openid-connect/auth?");
        });
    }

    @Test
    @Order(2)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldTellACustomerWhoSignsInThatTheReportsAreNotForHer() {
        assertThat(Http.get(suite.url("reporting-service") + "/api/v1/reports/summary", suite.token("customer"))
                        .status())
                .as("the report API refuses a customer's token")
                .isEqualTo(403);
        inBrowser("customer", browser -> {
            WebDriver driver = browser.driver;
            driver.get(page + fragment);
            WebElement username = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));

            signIn(browser, username, "customer");

            browser.until(d -> "forbidden".equals(bodyData(d, "access")));
            assertThat(driver.getCurrentUrl()).startsWith(page).doesNotContain("code=");
            WebElement forbidden = driver.findElement(By.id("forbidden"));
            assertThat(forbidden.isDisplayed()).isTrue();
            assertThat(forbidden.getText())
                    .contains("Not allowed.")
                    .contains("Ann Example (customer)")
                    .contains("not a lead or an admin");
            assertThat(driver.findElement(By.id("status")).getText())
                    .isEqualTo("Not allowed: the reports are for leads and admins");
            assertThat(driver.findElement(By.id("who-name")).getText()).isEqualTo("Signed in as Ann Example");
            assertThat(driver.findElement(By.id("signout")).isDisplayed()).isTrue();
            assertThat(driver.findElement(By.id("reports")).isDisplayed())
                    .as("no empty charts")
                    .isFalse();
            assertThat(driver.findElement(By.id("signin")).isDisplayed())
                    .as("no Sign in button for who is signed in")
                    .isFalse();
            assertThat(bodyData(driver, "loaded")).isNull();
            browser.screenshot("dashboard-signin-customer-forbidden.png");
        });
    }

    /** Runs {@code steps} in a fresh browser, always quit; on a failure, a screenshot and the DOM are saved first. */
    private static void inBrowser(String name, java.util.function.Consumer<Browser> steps) {
        try (Browser browser = new Browser(name)) {
            try {
                steps.accept(browser);
            } catch (RuntimeException | AssertionError e) {
                browser.evidence("failure");
                throw e;
            }
        }
    }

    /** Fills in Keycloak's login form (local passwords equal usernames) and submits it. */
    private static void signIn(Browser browser, WebElement username, String user) {
        username.sendKeys(user);
        browser.driver.findElement(By.id("password")).sendKeys(user);
        browser.driver.findElement(By.id("kc-login")).click();
    }

    private static String bodyData(WebDriver driver, String name) {
        return driver.findElement(By.tagName("body")).getDomAttribute("data-" + name);
    }

    private static Map<String, String> query(String url) {
        String query = URI.create(url).getRawQuery();
        return Arrays.stream(query.split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(kv -> decode(kv[0]), kv -> kv.length > 1 ? decode(kv[1]) : "", (a, b) -> b));
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /**
     * Lets the dashboard client come back to {@code page} (redirect and post-logout URI) and call the token endpoint
     * from its origin (web origin), through Keycloak's admin API with the local bootstrap admin.
     */
    private void allowDashboardAt(String page) {
        String base = suite.issuer().substring(0, suite.issuer().indexOf("/realms/"));
        String admin = "Bearer "
                + json(send(
                                HttpRequest.newBuilder(
                                                URI.create(base + "/realms/master/protocol/openid-connect/token"))
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "grant_type=password&client_id=admin-cli&username=admin&password=admin")),
                                200))
                        .path("access_token")
                        .asText();
        String clients = base + "/admin/realms/ticketsuite/clients";
        JsonNode found = json(send(
                HttpRequest.newBuilder(URI.create(clients + "?clientId="
                                + URLEncoder.encode("ticketsuite-dashboard", StandardCharsets.UTF_8)))
                        .header("Authorization", admin)
                        .GET(),
                200));
        assertThat(found).as("the realm's dashboard client").hasSize(1);
        ObjectNode client = (ObjectNode) found.get(0);
        String origin = page.substring(0, page.length() - 1);
        add(array(client, "redirectUris"), page);
        add(array(client, "webOrigins"), origin);
        ObjectNode attributes =
                client.has("attributes") ? (ObjectNode) client.get("attributes") : client.putObject("attributes");
        Set<String> logout = new LinkedHashSet<>(Arrays.asList(
                attributes.path("post.logout.redirect.uris").asText("").split("##")));
        logout.remove("");
        logout.add(page);
        attributes.put("post.logout.redirect.uris", String.join("##", logout));
        send(
                HttpRequest.newBuilder(
                                URI.create(clients + "/" + client.path("id").asText()))
                        .header("Authorization", admin)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(client.toString())),
                204);
    }

    private static ArrayNode array(ObjectNode node, String field) {
        return node.has(field) ? (ArrayNode) node.get(field) : node.putArray(field);
    }

    private static void add(ArrayNode values, String value) {
        for (JsonNode v : values) {
            if (v.asText().equals(value)) {
                return;
            }
        }
        values.add(value);
    }

    private static String send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> response =
                    HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("%s %s: %s", response.request().method(), response.uri(), response.body())
                    .isEqualTo(expected);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return Http.JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Headless Chromium through Debian's chromedriver, named explicitly (Selenium Manager never looks anything up),
     * with a fresh profile, bounded page-load, script and command timeouts. {@link #close} quits it, stops the
     * driver and kills whatever still runs with this profile; on a failure it saves a screenshot and the page first.
     */
    private static final class Browser implements AutoCloseable {
        final WebDriver driver;
        private final String name;
        private final Path profile;
        private final ChromeDriverService service;

        Browser(String name) {
            this.name = name;
            try {
                Files.createDirectories(TARGET);
                profile = Files.createTempDirectory("e2e-chromium-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);
            service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .withTimeout(Duration.ofSeconds(60))
                    .withLogFile(TARGET.resolve("e2e-logs/chromedriver-" + name + ".log")
                            .toFile())
                    .build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-dev-shm-usage",
                    "--disable-gpu",
                    "--disable-extensions",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--no-default-browser-check",
                    "--password-store=basic",
                    "--window-size=1400,1100",
                    "--user-data-dir=" + profile);
            options.setPageLoadTimeout(Duration.ofSeconds(60));
            options.setScriptTimeout(Duration.ofSeconds(30));
            options.setImplicitWaitTimeout(Duration.ZERO);
            ClientConfig http = ClientConfig.defaultConfig()
                    .connectionTimeout(Duration.ofSeconds(30))
                    .readTimeout(Duration.ofSeconds(90));
            WebDriver started = null;
            try {
                started = new ChromeDriver(service, options, http);
            } finally {
                if (started == null) {
                    stopAndKill();
                }
            }
            driver = started;
        }

        /**
         * Waits for {@code condition}. An element read while the page is being replaced (the redirect back from
         * Keycloak swaps the whole document) is stale: that is "not yet", not a failure.
         */
        <T> T until(Function<? super WebDriver, T> condition) {
            return new WebDriverWait(driver, WAIT, Duration.ofMillis(250))
                    .ignoring(StaleElementReferenceException.class)
                    .until(condition);
        }

        void screenshot(String file) {
            try {
                Path target = TARGET.resolve(file);
                Files.write(target, ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
                assertThat(Files.size(target)).as(file).isGreaterThan(10_000);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A screenshot and the DOM of where the browser stands, next to the other screenshots. */
        void evidence(String why) {
            try {
                String prefix = "dashboard-signin-" + name + "-" + why;
                Files.write(TARGET.resolve(prefix + ".png"), ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
                Files.writeString(
                        TARGET.resolve(prefix + ".html"),
                        driver.getCurrentUrl() + "\n"
                                + ((JavascriptExecutor) driver)
                                        .executeScript("return document.documentElement.outerHTML"));
            } catch (RuntimeException | IOException e) {
                // evidence is best effort: the failure itself is reported
            }
        }

        @Override
        public void close() {
            try {
                driver.quit();
            } catch (RuntimeException e) {
                // the browser is killed below
            } finally {
                stopAndKill();
            }
        }

        private void stopAndKill() {
            try {
                service.stop();
            } catch (RuntimeException e) {
                // killed below
            }
            // whatever still runs with this test's own profile: the browser and its helpers
            String marker = "--user-data-dir=" + profile;
            ProcessHandle.allProcesses()
                    .filter(p -> p.info()
                            .arguments()
                            .map(args -> Arrays.asList(args).contains(marker))
                            .orElse(false))
                    .forEach(ProcessHandle::destroyForcibly);
            io.ticketsuite.local.Processes.run(List.of("rm", "-rf", profile.toString()), Duration.ofSeconds(30));
        }
    }
}
