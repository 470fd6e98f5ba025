package io.ticketsuite.notification.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP receiver on a free port (the JDK's HttpServer): records every request, answers 200 unless told to fail
 * (per path, for the requests whose body names a given text, e.g. a ticket id). Its {@code /chat} path is the service's
 * chat URL.
 */
public class WebhookReceiver implements QuarkusTestResourceLifecycleManager {
    /** One request as received. */
    public record Received(String path, Map<String, String> headers, String body, int answered, Instant at) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private record Failure(String bodyContains, AtomicInteger remaining, int status) {}

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final Map<String, List<Failure>> FAILURES = new ConcurrentHashMap<>();
    private static HttpServer server;

    @Override
    public synchronized Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", WebhookReceiver::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return Map.of("notification.webhooks.chat.url", url("/chat"));
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next {@code times} requests to {@code path} whose body contains {@code bodyContains} get {@code status}. */
    public static void fail(String path, String bodyContains, int times, int status) {
        FAILURES.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                .add(new Failure(bodyContains, new AtomicInteger(times), status));
    }

    /** Requests to {@code path} whose body contains {@code text}, in arrival order. */
    public static List<Received> received(String path, String text) {
        List<Received> result = new ArrayList<>();
        for (Received r : RECEIVED) {
            if (r.path().equals(path) && r.body().contains(text)) {
                result.add(r);
            }
        }
        return result;
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = exchange.getRequestURI().getPath();
        int status = 200;
        for (Failure f : FAILURES.getOrDefault(path, List.of())) {
            if (body.contains(f.bodyContains()) && f.remaining().getAndDecrement() > 0) {
                status = f.status();
                break;
            }
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        RECEIVED.add(new Received(path, headers, body, status, Instant.now()));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
