package io.ticketsuite.kit.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ticketsuite.kit.config.KitConfig;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.problem.ProblemTypes;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Per-principal rate limits (token buckets, Bucket4j) on actions that cost: creating tickets, comments,
 * classification previews. A limit is configured per action and role as {@code ts.rate-limit.<action>.<role>=
 * <capacity>/<period>} (e.g. {@code 20/1m}: a burst of 20, refilled evenly over a minute); an action with no limit
 * for a role is unlimited for it. Past the limit the call is refused with a 429 problem carrying {@code
 * Retry-After}.
 */
@ApplicationScoped
public class RateLimiter {
    /** The kit's defaults; configuration overrides them one by one. */
    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("create-ticket.customer", "20/1m"),
            Map.entry("create-ticket.agent", "300/1m"),
            Map.entry("create-ticket.lead", "300/1m"),
            Map.entry("create-ticket.admin", "600/1m"),
            // an alert storm arrives through one channel account: 2,000 at once, 1,000/s sustained
            Map.entry("create-ticket.channel", "2000/2s"),
            Map.entry("comment.customer", "30/1m"),
            Map.entry("comment.agent", "600/1m"),
            Map.entry("comment.lead", "600/1m"),
            Map.entry("comment.admin", "600/1m"),
            Map.entry("comment.channel", "2000/2s"),
            Map.entry("classify.customer", "30/1m"),
            Map.entry("classify.agent", "600/1m"),
            Map.entry("classify.lead", "600/1m"),
            Map.entry("classify.admin", "600/1m"),
            Map.entry("classify.channel", "2000/2s"));

    private final Map<String, Map<String, String>> configured;
    private final MeterRegistry registry;
    private final Map<String, Optional<Bandwidth>> limits = new ConcurrentHashMap<>();
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(1, TimeUnit.HOURS)
            .maximumSize(200_000)
            .build();

    public RateLimiter(KitConfig config, MeterRegistry registry) {
        this.configured = config.rateLimit();
        this.registry = registry;
    }

    /** Takes one unit of {@code action} for the caller, or throws the 429 problem. */
    public void check(String action, Caller caller) {
        String role = caller.role();
        Optional<Bandwidth> limit = limits.computeIfAbsent(action + "." + role, this::limit);
        if (limit.isEmpty()) {
            return;
        }
        Bucket bucket = buckets.get(
                action + "|" + role + "|" + caller.id(),
                key -> Bucket.builder().addLimit(limit.get()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return;
        }
        long retryAfter = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        refused.computeIfAbsent(
                        action + "." + role,
                        key -> Counter.builder("ts.rate.limited")
                                .description("Requests refused by a per-principal rate limit")
                                .tag("action", action)
                                .tag("role", role)
                                .register(registry))
                .increment();
        throw new ProblemException(
                        429,
                        ProblemTypes.TOO_MANY_REQUESTS,
                        "Too many requests",
                        "Rate limit for " + action + " reached; retry in " + retryAfter + " s",
                        null,
                        Map.of("retry_after", retryAfter))
                .withHeader("Retry-After", Long.toString(retryAfter));
    }

    private Optional<Bandwidth> limit(String key) {
        int dot = key.lastIndexOf('.');
        String value = configured
                .getOrDefault(key.substring(0, dot), Map.of())
                .getOrDefault(key.substring(dot + 1), DEFAULTS.get(key));
        if (value == null || value.isBlank() || value.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        return Optional.of(parse(key, value));
    }

    /** {@code <capacity>/<period>}: a burst of {@code capacity}, refilled evenly over {@code period}. */
    static Bandwidth parse(String key, String value) {
        String[] parts = value.trim().split("/", 2);
        try {
            long capacity = Long.parseLong(parts[0].trim());
            Duration period = parts.length > 1 ? duration(parts[1].trim()) : Duration.ofMinutes(1);
            if (capacity <= 0 || period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("capacity and period must be positive");
            }
            return Bandwidth.builder()
                    .capacity(capacity)
                    .refillGreedy(capacity, period)
                    .build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "ts.rate-limit." + key + "=" + value + " is not <capacity>/<period> (e.g. 20/1m): "
                            + e.getMessage(),
                    e);
        }
    }

    private static Duration duration(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("p")) {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        }
        long amount = Long.parseLong(lower.replaceAll("[a-z]+$", ""));
        return switch (lower.replaceAll("^[0-9]+", "")) {
            case "ms" -> Duration.ofMillis(amount);
            case "s", "" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown unit in " + text);
        };
    }
}
