package io.ticketsuite.intake.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketsuite.kit.problem.Problem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the Alertmanager webhook (version 4) and Grafana alerting webhook payloads, which share the shape that
 * matters here: {@code alerts[]}, each with {@code status} (firing/resolved), {@code labels}, {@code annotations},
 * {@code startsAt}, {@code endsAt}, {@code fingerprint}, {@code generatorURL}. Pure: every problem is a field error
 * naming the field ({@code alerts[2].status}).
 */
public final class AlertPayloads {
    public static final int MAX_ALERTS = 1000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertPayloads() {}

    /** The outcome of reading a payload: the alerts, or the field errors. */
    public record Parsed(List<Alert> alerts, List<Problem.FieldError> errors) {}

    /**
     * @param alertmanager true for the Alertmanager endpoint (a {@code version} other than "4" is refused there)
     */
    public static Parsed parse(String json, boolean alertmanager) {
        List<Problem.FieldError> errors = new ArrayList<>();
        JsonNode root;
        try {
            root = json == null || json.isBlank() ? null : MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return new Parsed(List.of(), List.of(new Problem.FieldError("body", "is not valid JSON")));
        }
        if (json != null && (json.indexOf('\u0000') >= 0 || json.contains("\\u0000"))) {
            return new Parsed(List.of(), List.of(new Problem.FieldError("body", "must not contain NUL characters")));
        }
        if (root == null || !root.isObject()) {
            return new Parsed(List.of(), List.of(new Problem.FieldError("body", "must be a JSON object")));
        }
        if (alertmanager
                && root.has("version")
                && !"4".equals(root.get("version").asText())) {
            errors.add(new Problem.FieldError("version", "must be \"4\" (Alertmanager webhook version 4)"));
        }
        JsonNode alerts = root.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            errors.add(new Problem.FieldError("alerts", "is required: an array of alerts"));
            return new Parsed(List.of(), errors);
        }
        if (alerts.size() > MAX_ALERTS) {
            errors.add(new Problem.FieldError("alerts", "holds more than " + MAX_ALERTS + " alerts"));
            return new Parsed(List.of(), errors);
        }
        List<Alert> parsed = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            Alert alert = alert(alerts.get(i), "alerts[" + i + "]", errors);
            if (alert != null) {
                parsed.add(alert);
            }
        }
        return new Parsed(errors.isEmpty() ? parsed : List.of(), errors);
    }

    private static Alert alert(JsonNode node, String at, List<Problem.FieldError> errors) {
        if (node == null || !node.isObject()) {
            errors.add(new Problem.FieldError(at, "must be an object"));
            return null;
        }
        int before = errors.size();
        String status = text(node, "status");
        boolean firing = "firing".equalsIgnoreCase(status);
        if (!firing && !"resolved".equalsIgnoreCase(status)) {
            errors.add(new Problem.FieldError(at + ".status", "is required: firing or resolved"));
        }
        Map<String, String> labels = strings(node.get("labels"), at + ".labels", true, errors);
        Map<String, String> annotations = strings(node.get("annotations"), at + ".annotations", false, errors);
        Instant startsAt = instant(node, "startsAt", at, errors);
        Instant endsAt = instant(node, "endsAt", at, errors);
        String fingerprint = text(node, "fingerprint");
        if (fingerprint != null && (fingerprint.isBlank() || fingerprint.length() > 200)) {
            errors.add(new Problem.FieldError(at + ".fingerprint", "must be 1 to 200 characters"));
        }
        if (errors.size() > before) {
            return null;
        }
        if (fingerprint == null) {
            fingerprint = fingerprintOf(labels);
        }
        if (endsAt != null && endsAt.getEpochSecond() <= 0) {
            endsAt = null; // Alertmanager sends 0001-01-01T00:00:00Z while firing
        }
        return new Alert(firing, fingerprint, labels, annotations, startsAt, endsAt, text(node, "generatorURL"));
    }

    /** The fingerprint of an alert that came without one: a digest of its sorted labels. */
    static String fingerprintOf(Map<String, String> labels) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(labels)
                .forEach((k, v) -> text.append(k).append('\u0000').append(v).append('\u0000'));
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "labels-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }

    private static Map<String, String> strings(
            JsonNode node, String at, boolean required, List<Problem.FieldError> errors) {
        Map<String, String> values = new TreeMap<>();
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new Problem.FieldError(at, "is required: an object of strings"));
            }
            return values;
        }
        if (!node.isObject()) {
            errors.add(new Problem.FieldError(at, "must be an object of strings"));
            return values;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                errors.add(new Problem.FieldError(at + "." + entry.getKey(), "must be a string"));
            } else {
                values.put(entry.getKey(), entry.getValue().asText().replace('\u0000', ' '));
            }
        }
        return values;
    }

    private static Instant instant(JsonNode node, String field, String at, List<Problem.FieldError> errors) {
        String text = text(node, field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(at + "." + field, "must be an RFC 3339 time"));
            return null;
        }
    }

    /** Urgency and impact of a severity, from {@code URGENCY/IMPACT} entries; {@code fallback} when unknown. */
    public static String[] urgencyImpact(String severity, Map<String, String> map, String fallback) {
        String entry = severity == null ? null : map.get(severity.toLowerCase(Locale.ROOT));
        String value = entry == null ? fallback : entry;
        String[] parts = value.toUpperCase(Locale.ROOT).split("/", 2);
        if (parts.length != 2 || !parts[0].matches("LOW|MEDIUM|HIGH") || !parts[1].matches("LOW|MEDIUM|HIGH")) {
            throw new IllegalArgumentException("'" + value + "' is not URGENCY/IMPACT (LOW, MEDIUM or HIGH each)");
        }
        return parts;
    }
}
