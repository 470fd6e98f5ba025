package io.ticketsuite.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The bearer token the load sends: {@code ./suite token channel} (the channel client's service account, a 15-minute
 * token), fetched again after five minutes so a long run never sends an expired one. {@code -Dbench.token-command}
 * replaces the command.
 */
final class Tokens {
    private static final Duration REFRESH_AFTER = Duration.ofMinutes(5);
    private static String token;
    private static long fetchedAt;

    static synchronized String channel() {
        if (token == null || System.nanoTime() - fetchedAt > REFRESH_AFTER.toNanos()) {
            token = fetch(System.getProperty("bench.token-command", "./suite token channel"));
            fetchedAt = System.nanoTime();
        }
        return token;
    }

    private static String fetch(String command) {
        try {
            Process process = new ProcessBuilder(List.of("bash", "-c", command))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() != 0 || out.isEmpty()) {
                throw new IllegalStateException("no token from `" + command + "` (is the suite up?)");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run `" + command + "`", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Tokens() {}
}
