package io.ticketsuite.notification.webhook;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Sends queued webhook deliveries and chat notices, on a thread of its own (blocking JDBC and HTTP, never on the event
 * loop). Each round, after a first delay: claims due deliveries ({@code FOR UPDATE SKIP LOCKED}, leaving out any
 * whose subscription has an earlier delivery for the same ticket still open, so each subscription sees a ticket's
 * events in order), leases them (the next attempt is pushed past the request timeout, so a crash retries them) and
 * commits; POSTs them all concurrently; then records every outcome in one transaction — delivered; retrying with
 * exponential backoff; or failed for good, which counts against the subscription and disables it after {@code
 * disable-after} such failures in a row (a {@code 410 Gone} disables it at once). It drains until nothing is due.
 * Delivery is at least once: receivers deduplicate by {@code webhook-id}.
 */
@ApplicationScoped
public class WebhookSender {
    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    private static final String OPEN = "('PENDING', 'RETRYING')";

    static final String CLAIM = "WITH due AS (SELECT d.seq, s.url, s.secret FROM webhook_delivery d"
            + " LEFT JOIN webhook_subscription s ON s.id = d.subscription_id"
            + " WHERE d.status IN " + OPEN + " AND d.next_attempt_at <= now()"
            + " AND (d.target = 'chat' OR s.state = 'ACTIVE')"
            + " AND NOT EXISTS (SELECT 1 FROM webhook_delivery e WHERE e.subscription_id = d.subscription_id"
            + " AND e.ticket_id = d.ticket_id AND e.status IN " + OPEN + " AND e.seq < d.seq)"
            + " ORDER BY d.seq LIMIT ? FOR UPDATE OF d SKIP LOCKED)"
            + " UPDATE webhook_delivery w SET attempts = w.attempts + 1, last_attempt_at = now(),"
            + " next_attempt_at = now() + make_interval(secs => ?) FROM due WHERE w.seq = due.seq"
            + " RETURNING w.seq, w.id, w.subscription_id, w.target, w.payload, w.attempts, due.url, due.secret";
    private static final String DELIVERED = "UPDATE webhook_delivery SET status = 'DELIVERED', delivered_at = now(),"
            + " last_status_code = ?, last_error = NULL, next_attempt_at = NULL WHERE seq = ?";
    private static final String RETRYING = "UPDATE webhook_delivery SET status = 'RETRYING', last_status_code = ?,"
            + " last_error = ?, next_attempt_at = now() + make_interval(secs => ?) WHERE seq = ?";
    private static final String FAILED = "UPDATE webhook_delivery SET status = 'FAILED', last_status_code = ?,"
            + " last_error = ?, next_attempt_at = NULL WHERE seq = ?";
    private static final String SUCCEEDED =
            "UPDATE webhook_subscription SET consecutive_failures = 0, last_success_at = now() WHERE id = ?";
    private static final String FAILED_FOR_GOOD =
            "UPDATE webhook_subscription SET consecutive_failures = consecutive_failures + 1 WHERE id = ?";
    private static final String DISABLE = "UPDATE webhook_subscription SET state = 'DISABLED', disabled_at = now(),"
            + " disabled_reason = ? WHERE id = ? AND state = 'ACTIVE' AND (? OR consecutive_failures >= ?)";
    private static final String DEPTH = "SELECT count(*) FROM webhook_delivery WHERE status IN " + OPEN;

    private final DataSource dataSource;
    private final WebhookConfig config;
    private final WebhookMetrics metrics;
    private final RetryPolicy policy;
    private final Optional<URI> chatUrl;
    private final HttpClient http;
    private ScheduledExecutorService executor;
    private volatile boolean running;

    public WebhookSender(DataSource dataSource, WebhookConfig config, WebhookMetrics metrics) {
        this.dataSource = dataSource;
        this.config = config;
        this.metrics = metrics;
        this.policy = RetryPolicy.of(config);
        this.chatUrl = config.chat().target().map(URI::create);
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    void onStart(@Observes StartupEvent event) {
        if (config.senderEnabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(
                this::round,
                Math.max(1, config.initialDelay().toMillis()),
                Math.max(1, config.pollInterval().toMillis()),
                TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        running = false;
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    /** One claimed delivery. */
    record Claimed(
            long seq,
            UUID id,
            UUID subscriptionId,
            String target,
            String payload,
            int attempts,
            String url,
            String secret) {}

    /** What one attempt came to: a status code, or an error without one. */
    record Outcome(Claimed delivery, Integer status, String error, OptionalLong retryAfter, Duration took) {
        boolean success() {
            return status != null && status >= 200 && status < 300;
        }

        boolean gone() {
            return status != null && status == 410;
        }
    }

    private void round() {
        try {
            while (running) {
                List<Claimed> batch = claim();
                if (batch.isEmpty()) {
                    break;
                }
                record(send(batch));
            }
        } catch (Exception e) {
            LOG.warnf("webhook sender round failed, will retry: %s", e.toString());
        }
        try {
            metrics.queue(depth());
        } catch (Exception e) {
            LOG.debugf("webhook queue depth unavailable: %s", e.toString());
        }
    }

    List<Claimed> claim() throws SQLException {
        Duration lease = config.requestTimeout().plus(config.connectTimeout()).plusSeconds(30);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement(CLAIM)) {
                st.setInt(1, Math.max(1, config.batchSize()));
                st.setDouble(2, lease.toMillis() / 1000.0);
                List<Claimed> claimed = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new Claimed(
                                rs.getLong(1),
                                rs.getObject(2, UUID.class),
                                rs.getObject(3, UUID.class),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getInt(6),
                                rs.getString(7),
                                rs.getString(8)));
                    }
                }
                c.commit();
                claimed.sort(Comparator.comparingLong(Claimed::seq));
                return claimed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private List<Outcome> send(List<Claimed> batch) {
        List<CompletableFuture<Outcome>> inFlight = new ArrayList<>();
        for (Claimed delivery : batch) {
            inFlight.add(attempt(delivery));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (CompletableFuture<Outcome> f : inFlight) {
            outcomes.add(f.join());
        }
        return outcomes;
    }

    private CompletableFuture<Outcome> attempt(Claimed d) {
        long started = System.nanoTime();
        HttpRequest request;
        try {
            request = request(d);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(
                    new Outcome(d, null, "not sendable: " + e.getMessage(), OptionalLong.empty(), Duration.ZERO));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .orTimeout(config.requestTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    if (failure != null) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        String error = cause.getClass().getSimpleName()
                                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
                        return new Outcome(d, null, error, OptionalLong.empty(), took);
                    }
                    int status = response.statusCode();
                    OptionalLong retryAfter = response.headers()
                            .firstValue("Retry-After")
                            .filter(v -> v.strip().matches("[0-9]{1,9}"))
                            .map(v -> OptionalLong.of(Long.parseLong(v.strip())))
                            .orElse(OptionalLong.empty());
                    return new Outcome(
                            d, status, status >= 200 && status < 300 ? null : "HTTP " + status, retryAfter, took);
                });
    }

    private HttpRequest request(Claimed d) {
        if ("chat".equals(d.target())) {
            URI url = chatUrl.orElseThrow(() -> new IllegalStateException("no chat URL configured"));
            return HttpRequest.newBuilder(url)
                    .timeout(config.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "TicketSuite-Webhooks/1.0")
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload()))
                    .build();
        }
        long timestamp = Instant.now().getEpochSecond();
        String webhookId = d.id().toString();
        return HttpRequest.newBuilder(URI.create(d.url()))
                .timeout(config.requestTimeout())
                .header("Content-Type", CloudEventDocument.MEDIA_TYPE)
                .header("User-Agent", "TicketSuite-Webhooks/1.0")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(d.secret(), webhookId, timestamp, d.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(d.payload()))
                .build();
    }

    private void record(List<Outcome> outcomes) throws SQLException {
        List<String> counted = new ArrayList<>();
        int disabled = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<UUID> succeeded = new ArrayList<>();
                List<Outcome> gaveUp = new ArrayList<>();
                for (Outcome o : outcomes) {
                    Claimed d = o.delivery();
                    if (o.success()) {
                        try (PreparedStatement st = c.prepareStatement(DELIVERED)) {
                            st.setInt(1, o.status());
                            st.setLong(2, d.seq());
                            st.executeUpdate();
                        }
                        counted.add("delivered");
                        if (d.subscriptionId() != null) {
                            succeeded.add(d.subscriptionId());
                        }
                    } else if (!o.gone() && policy.retry(d.attempts())) {
                        try (PreparedStatement st = c.prepareStatement(RETRYING)) {
                            setStatus(st, 1, o.status());
                            st.setString(2, truncate(o.error()));
                            st.setDouble(
                                    3,
                                    policy.jittered(d.attempts(), o.retryAfter())
                                                    .toMillis()
                                            / 1000.0);
                            st.setLong(4, d.seq());
                            st.executeUpdate();
                        }
                        counted.add("retrying");
                    } else {
                        try (PreparedStatement st = c.prepareStatement(FAILED)) {
                            setStatus(st, 1, o.status());
                            st.setString(2, truncate(o.error()));
                            st.setLong(3, d.seq());
                            st.executeUpdate();
                        }
                        counted.add("failed");
                        if (d.subscriptionId() != null) {
                            gaveUp.add(o);
                        }
                    }
                }
                // subscription rows in id order, so two replicas' rounds cannot deadlock on them
                for (UUID id : succeeded.stream().distinct().sorted().toList()) {
                    try (PreparedStatement st = c.prepareStatement(SUCCEEDED)) {
                        st.setObject(1, id);
                        st.executeUpdate();
                    }
                }
                gaveUp.sort(Comparator.comparing(o -> o.delivery().subscriptionId()));
                for (Outcome o : gaveUp) {
                    UUID id = o.delivery().subscriptionId();
                    try (PreparedStatement st = c.prepareStatement(FAILED_FOR_GOOD)) {
                        st.setObject(1, id);
                        st.executeUpdate();
                    }
                    try (PreparedStatement st = c.prepareStatement(DISABLE)) {
                        st.setString(
                                1,
                                o.gone()
                                        ? "the receiver answered 410 Gone"
                                        : config.disableAfter() + " consecutive deliveries failed (last: "
                                                + truncate(o.error()) + ")");
                        st.setObject(2, id);
                        st.setBoolean(3, o.gone());
                        st.setInt(4, Math.max(1, config.disableAfter()));
                        disabled += st.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            metrics.attempt(o.delivery().target(), counted.get(i), o.took());
        }
        for (int i = 0; i < disabled; i++) {
            metrics.disabled();
        }
    }

    private long depth() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(DEPTH);
                ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static void setStatus(PreparedStatement st, int index, Integer status) throws SQLException {
        if (status == null) {
            st.setNull(index, java.sql.Types.INTEGER);
        } else {
            st.setInt(index, status);
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
