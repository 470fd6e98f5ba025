package io.ticketsuite.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * A seeded fuzzer of a running service's API, driven by its own OpenAPI document: every {@code /api} operation gets
 * requests with mutated bodies (missing and wrong-typed fields, NUL and invalid UTF-8 bytes, huge texts and numbers,
 * broken JSON, the wrong media type), odd path ids and odd query parameters (huge or negative numbers, bad
 * percent-encoding, control characters, over-long values), with valid tokens. Requests go over a raw socket so that
 * bytes no HTTP client would send are sent — but always as a well-formed HTTP/1.1 request line (a raw space or
 * control character in the request target is refused by the HTTP codec itself, before any application code). The verdict: no answer is a 5xx, and every 4xx is problem+json whose
 * {@code status} is the answer's.
 */
public final class ApiFuzzer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    private final int port;
    private final JsonNode document;
    private final Random random;
    private final Function<Integer, String> tokens;

    /** One request that broke the rules, with what came back. */
    public record Finding(String request, int status, String contentType, String body) {
        @Override
        public String toString() {
            return status + " " + contentType + " for " + request + " → " + body;
        }
    }

    /** What a run did: requests per status, and the findings (empty when the API held). */
    public record Report(int requests, Map<Integer, Integer> statuses, List<Finding> findings) {
        public String summary() {
            return requests + " requests, statuses " + statuses + ", " + findings.size() + " findings"
                    + (findings.isEmpty()
                            ? ""
                            : ":\n"
                                    + String.join(
                                            "\n",
                                            findings.stream()
                                                    .limit(20)
                                                    .map(Finding::toString)
                                                    .toList()));
        }
    }

    /**
     * @param port the service's HTTP port on 127.0.0.1
     * @param openApiJson its OpenAPI document (JSON)
     * @param seed the seed: the same seed sends the same requests
     * @param tokens the bearer token for the n-th request (e.g. a fresh principal each time, so rate limits do
     *     not hide deeper paths)
     */
    public ApiFuzzer(int port, String openApiJson, long seed, Function<Integer, String> tokens) {
        this.port = port;
        this.random = new Random(seed);
        this.tokens = tokens;
        try {
            this.document = JSON.readTree(openApiJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an OpenAPI JSON document", e);
        }
    }

    /** Sends {@code count} hostile requests spread over every {@code /api} operation. */
    public Report run(int count) {
        List<Operation> operations = operations();
        if (operations.isEmpty()) {
            throw new IllegalStateException("the document has no /api operations");
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Operation operation = operations.get(i % operations.size());
            Request request = mutate(operation, tokens.apply(i));
            Response response = send(request);
            statuses.merge(response.status, 1, Integer::sum);
            if ("true".equals(System.getenv("FUZZ_VERBOSE"))) {
                System.err.println("fuzz " + response.status + " " + request.describe() + " → " + response.bodyText());
            }
            if (!acceptable(response)) {
                findings.add(
                        new Finding(request.describe(), response.status, response.contentType, response.bodyText()));
            }
        }
        Report report = new Report(count, statuses, findings);
        System.err.println("api fuzzer (" + operations.size() + " operations): " + report.summary());
        return report;
    }

    private static boolean acceptable(Response response) {
        if (response.status >= 500 || response.status < 100) {
            return false;
        }
        if (response.status < 400) {
            return true;
        }
        if (response.contentType == null || !response.contentType.startsWith("application/problem+json")) {
            return false;
        }
        try {
            JsonNode problem = JSON.readTree(response.body);
            return problem.path("status").asInt() == response.status
                    && problem.path("type").isTextual()
                    && problem.path("title").isTextual();
        } catch (IOException e) {
            return false;
        }
    }

    // --- the operations of the document -------------------------------------------------------------------------

    private record Parameter(String name, String in, JsonNode schema) {}

    /**
     * Operations the fuzzer leaves alone: re-driving dead letters would publish the test broker's real dead letters
     * (other tests' poison records) again, a side effect on tests outside the fuzzer's control.
     */
    private static final java.util.Set<String> NOT_FUZZED = java.util.Set.of("post /api/v1/admin/dead-letters/replay");

    private record Operation(String method, String path, List<Parameter> parameters, JsonNode bodySchema) {}

    private List<Operation> operations() {
        List<Operation> result = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null || NOT_FUZZED.contains(method + " " + path.getKey())) {
                    continue;
                }
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    JsonNode resolved = resolve(parameter);
                    parameters.add(new Parameter(
                            resolved.path("name").asText(),
                            resolved.path("in").asText(),
                            resolve(resolved.path("schema"))));
                }
                JsonNode body = operation
                        .path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema");
                result.add(new Operation(
                        method.toUpperCase(Locale.ROOT),
                        path.getKey(),
                        parameters,
                        body.isMissingNode() ? null : body));
            }
        }
        return result;
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int depth = 0; depth < 10 && current.has("$ref"); depth++) {
            String ref = current.get("$ref").asText();
            current = document.at(ref.substring(1));
        }
        return current;
    }

    // --- mutations ----------------------------------------------------------------------------------------------

    private static final String[] ODD_IDS = {
        "%00",
        "..%2F..%2Fetc%2Fpasswd",
        "00000000-0000-0000-0000-000000000000",
        "%ED%A0%80",
        "%FF%FE",
        "'%20OR%201=1%20--",
        "%E2%80%AE",
        "a".repeat(3000),
        "-1",
        "99999999999999999999",
        "%25",
        "null"
    };

    private static final String[] ODD_VALUES = {
        "%00",
        "-1",
        "-2147483648",
        "2147483647",
        "99999999999999999999",
        "1e309",
        "NaN",
        "%zz",
        "%",
        "%ED%A0%80",
        "%FF",
        "'%20OR%20'1'='1",
        "%0D%0ASet-Cookie:x=1",
        "x".repeat(5000),
        "%E2%80%AE",
        "true",
        "[]",
        "%7B%7D",
        ""
    };

    private Request mutate(Operation operation, String token) {
        StringBuilder path = new StringBuilder();
        for (String part : operation.path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            path.append('/');
            if (part.startsWith("{")) {
                path.append(random.nextInt(3) == 0 ? UUID.randomUUID().toString() : pick(ODD_IDS));
            } else {
                path.append(part);
            }
        }
        List<String> query = new ArrayList<>();
        for (Parameter parameter : operation.parameters) {
            if (parameter.in.equals("query") && random.nextInt(3) > 0) {
                query.add(encode(parameter.name) + "="
                        + (random.nextBoolean() ? pick(ODD_VALUES) : plausible(parameter.schema)));
            }
        }
        if (random.nextInt(4) == 0) {
            query.add(
                    pick(new String[] {"%00", "page", "size", "x".repeat(2000), "a%zz", "q"}) + "=" + pick(ODD_VALUES));
        }
        String target = path + (query.isEmpty() ? "" : "?" + String.join("&", query));
        if (random.nextInt(40) == 0) {
            target = target + (query.isEmpty() ? "?" : "&") + "pad=" + "p".repeat(9000 + random.nextInt(300_000));
        }
        byte[] body = null;
        String contentType = null;
        if (operation.bodySchema != null) {
            contentType = random.nextInt(12) == 0
                    ? pick(new String[] {"text/plain", "application/xml", "application/json; charset=latin1", "*/*"})
                    : "application/json";
            body = body(operation.bodySchema);
        }
        return new Request(operation.method, target, token, contentType, body);
    }

    private byte[] body(JsonNode schema) {
        JsonNode sample = sample(resolve(schema), 0);
        int kind = random.nextInt(12);
        switch (kind) {
            case 0:
                return "{\"subject\": \"unterminated".getBytes(StandardCharsets.UTF_8);
            case 1:
                return new byte[0];
            case 2: // invalid UTF-8 inside a string
                String text = sample.toString();
                int quote = text.indexOf('"', text.indexOf(':') + 1);
                if (quote < 0) {
                    return new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'};
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                byte[] raw = text.getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, quote + 1);
                bytes.write(
                        new byte[] {(byte) 0xFF, (byte) 0xC3, (byte) 0x28, (byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        0,
                        6);
                bytes.write(raw, quote + 1, raw.length - quote - 1);
                return bytes.toByteArray();
            case 3:
                return "[1,2,3]".getBytes(StandardCharsets.UTF_8);
            case 4:
                return "{\"a\":".repeat(500).getBytes(StandardCharsets.UTF_8);
            case 5, 6, 7, 8:
                // one bad value in an otherwise valid body: reaches the service's logic and its database
                mutateOne(sample);
                try {
                    return JSON.writeValueAsBytes(sample);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            default:
                mutateNode(sample, 0);
                try {
                    return JSON.writeValueAsBytes(sample);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
        }
    }

    private static final String[] HOSTILE_TEXTS = {
        "nul \u0000 inside",
        "\uD83D\uDE00 emoji ✓ ü",
        "\u202Eright-to-left",
        "'; DROP TABLE ticket; --",
        "<script>alert(1)</script>",
        "a".repeat(60_000),
        "   ",
        "\t\r\n",
        "%s%n%x",
        "${jndi:ldap://x}"
    };

    private void mutateOne(JsonNode node) {
        if (!(node instanceof ObjectNode object) || object.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        JsonNode value = object.get(name);
        if (value instanceof ObjectNode && random.nextBoolean()) {
            mutateOne(value);
        } else if (value.isTextual() || value.isNull()) {
            object.put(name, pick(HOSTILE_TEXTS));
        } else if (value.isNumber()) {
            object.put(name, pick(new Long[] {-1L, 0L, Long.MAX_VALUE, (long) Integer.MAX_VALUE + 1}));
        } else if (value.isArray()) {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < 1 + random.nextInt(300); i++) {
                array.add(pick(HOSTILE_TEXTS));
            }
            object.set(name, array);
        } else {
            object.put(name, pick(HOSTILE_TEXTS));
        }
    }

    private void mutateNode(JsonNode node, int depth) {
        if (!(node instanceof ObjectNode object) || depth > 3) {
            return;
        }
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            int roll = random.nextInt(10);
            switch (roll) {
                case 0 -> object.remove(name);
                case 1 -> object.put(name, "\u0000nul\u0000");
                case 2 -> object.put(name, "x".repeat(70_000 + random.nextInt(10)));
                case 3 -> object.put(name, random.nextBoolean() ? 1e308 : Long.MIN_VALUE);
                case 4 -> object.set(name, NODES.arrayNode().add(NODES.objectNode()));
                case 5 -> object.putNull(name);
                case 6 -> object.put(name, "\uD800 unpaired \u202E");
                default -> mutateNode(object.get(name), depth + 1);
            }
        }
        if (random.nextInt(4) == 0) {
            object.put("unexpected_" + random.nextInt(100), "\u0000");
        }
    }

    private JsonNode sample(JsonNode schema, int depth) {
        JsonNode s = resolve(schema);
        if (depth > 4) {
            return NODES.nullNode();
        }
        if (s.has("allOf")) {
            return sample(s.get("allOf").get(0), depth + 1);
        }
        if (s.has("oneOf") || s.has("anyOf")) {
            JsonNode options = s.has("oneOf") ? s.get("oneOf") : s.get("anyOf");
            return sample(options.get(0), depth + 1);
        }
        if (s.has("enum")) {
            return s.get("enum").get(random.nextInt(s.get("enum").size()));
        }
        String type = type(s);
        switch (type) {
            case "object": {
                ObjectNode object = NODES.objectNode();
                Iterator<Map.Entry<String, JsonNode>> properties =
                        s.path("properties").fields();
                while (properties.hasNext()) {
                    Map.Entry<String, JsonNode> property = properties.next();
                    JsonNode value = sample(property.getValue(), depth + 1);
                    object.set(property.getKey(), value.isTextual() ? named(property.getKey(), value) : value);
                }
                return object;
            }
            case "array": {
                ArrayNode array = NODES.arrayNode();
                array.add(sample(s.path("items"), depth + 1));
                return array;
            }
            case "integer":
                return NODES.numberNode(random.nextInt(5));
            case "number":
                return NODES.numberNode(random.nextDouble());
            case "boolean":
                return NODES.booleanNode(random.nextBoolean());
            default:
                return NODES.textNode(plausibleText(s));
        }
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "string";
    }

    /** A text that passes the usual checks of a field with this name (an email, a language tag, a zone). */
    private static JsonNode named(String name, JsonNode value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("email")) {
            return NODES.textNode("fuzz@example.com");
        }
        if (lower.contains("language")) {
            return NODES.textNode("en");
        }
        if (lower.contains("zone")) {
            return NODES.textNode("Europe/Berlin");
        }
        return value;
    }

    private String plausible(JsonNode schema) {
        String type = type(schema);
        if (type.equals("integer") || type.equals("number")) {
            return Integer.toString(random.nextInt(50));
        }
        if (schema.has("enum")) {
            return encode(schema.get("enum").get(0).asText());
        }
        return encode(plausibleText(schema));
    }

    private String plausibleText(JsonNode schema) {
        String format = schema.path("format").asText("");
        return switch (format) {
            case "uuid" -> UUID.randomUUID().toString();
            case "date-time" -> "2026-11-29T10:15:30Z";
            case "date" -> "2026-11-29";
            case "email" -> "fuzz@example.com";
            default -> "fuzz text " + random.nextInt(1000);
        };
    }

    private <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    // --- a raw HTTP/1.1 exchange --------------------------------------------------------------------------------

    private record Request(String method, String target, String token, String contentType, byte[] body) {
        String describe() {
            String shown = target.length() > 200 ? target.substring(0, 200) + "…(" + target.length() + ")" : target;
            String payload = body == null
                    ? ""
                    : " " + contentType + " " + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return method + " " + shown + payload;
        }
    }

    private record Response(int status, String contentType, byte[] body) {
        String bodyText() {
            String text = new String(body, StandardCharsets.UTF_8);
            return text.length() > 300 ? text.substring(0, 300) + "…" : text;
        }
    }

    private Response send(Request request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            StringBuilder lines = new StringBuilder()
                    .append(request.method)
                    .append(' ')
                    .append(request.target)
                    .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                    .append(port)
                    .append("\r\nAccept: application/json, application/problem+json\r\nConnection: close\r\n");
            if (request.token != null) {
                lines.append("Authorization: Bearer ").append(request.token).append("\r\n");
            }
            if (request.body != null) {
                lines.append("Content-Type: ").append(request.contentType).append("\r\n");
                lines.append("Content-Length: ").append(request.body.length).append("\r\n");
            }
            lines.append("\r\n");
            head.write(lines.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (request.body != null) {
                head.write(request.body);
            }
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toByteArray());
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before it has read everything (e.g. 413, 414)
            }
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            return new Response(0, null, ("no answer: " + e).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0 || !text.startsWith("HTTP/1.1 ")) {
            return new Response(0, null, raw);
        }
        String[] headers = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(headers[0].substring(9, 12));
        String contentType = null;
        boolean chunked = false;
        for (String header : headers) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = header.substring(13).trim();
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        return new Response(status, contentType, chunked ? dechunk(body) : body);
    }

    private static byte[] dechunk(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(body);
        while (true) {
            StringBuilder size = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            String hex = size.toString().split(";")[0].trim();
            if (hex.isEmpty()) {
                return out.toByteArray();
            }
            int length = Integer.parseInt(hex, 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(length));
            in.read();
            in.read();
        }
    }
}
