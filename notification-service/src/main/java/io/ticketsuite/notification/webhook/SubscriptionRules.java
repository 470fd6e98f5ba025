package io.ticketsuite.notification.webhook;

import io.ticketsuite.events.EventType;
import io.ticketsuite.events.Topics;
import io.ticketsuite.kit.problem.Problem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a subscription may name: an absolute http(s) URL with a host (no user info, no fragment), and event types
 * from the contract on the four workflow topics ({@code ticket.created} or its enum name {@code TICKET_CREATED}), or {@code *} for all.
 */
public final class SubscriptionRules {
    public static final String ALL = "*";
    static final int MAX_URL = 2000;
    static final int MAX_TYPES = 50;
    static final int MAX_DESCRIPTION = 500;
    /** The topics the webhook consumers read: their events can be subscribed to. */
    public static final Set<String> TOPICS =
            Set.of(Topics.TICKET_EVENTS, Topics.TRIAGE_EVENTS, Topics.ROUTING_EVENTS, Topics.SLA_EVENTS);

    private SubscriptionRules() {}

    /** The URL as stored, or empty with a field error added. */
    public static Optional<String> url(String url, List<Problem.FieldError> errors) {
        if (url == null || url.isBlank()) {
            errors.add(new Problem.FieldError("url", "is required (an absolute http or https URL)"));
            return Optional.empty();
        }
        String trimmed = url.strip();
        if (trimmed.length() > MAX_URL) {
            errors.add(new Problem.FieldError("url", "must be at most " + MAX_URL + " characters"));
            return Optional.empty();
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
                errors.add(new Problem.FieldError("url", "must be an absolute http or https URL"));
            } else if (uri.getHost() == null || uri.getHost().isBlank()) {
                errors.add(new Problem.FieldError("url", "must name a host"));
            } else if (uri.getRawUserInfo() != null) {
                errors.add(new Problem.FieldError("url", "must not carry user info (the signature authenticates)"));
            } else if (uri.getRawFragment() != null) {
                errors.add(new Problem.FieldError("url", "must not have a fragment"));
            } else {
                return Optional.of(trimmed);
            }
        } catch (URISyntaxException e) {
            errors.add(new Problem.FieldError("url", "is not a valid URL"));
        }
        return Optional.empty();
    }

    /** The types as stored (CloudEvents types, or {@code *} alone), or empty with field errors added. */
    public static Optional<List<String>> eventTypes(List<String> types, List<Problem.FieldError> errors) {
        if (types == null || types.isEmpty()) {
            errors.add(new Problem.FieldError("event_types", "is required: event types such as ticket.created, or *"));
            return Optional.empty();
        }
        if (types.size() > MAX_TYPES) {
            errors.add(new Problem.FieldError("event_types", "must name at most " + MAX_TYPES + " types"));
            return Optional.empty();
        }
        Set<String> result = new LinkedHashSet<>();
        int before = errors.size();
        for (int i = 0; i < types.size(); i++) {
            String type = types.get(i) == null ? "" : types.get(i).strip();
            Optional<String> known = type.equals(ALL) ? Optional.of(ALL) : known(type);
            if (known.isEmpty()) {
                errors.add(new Problem.FieldError(
                        "event_types[" + i + "]", "is not an event type of the suite (e.g. ticket.created), nor *"));
            } else {
                result.add(known.get());
            }
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(result.contains(ALL) ? List.of(ALL) : List.copyOf(result));
    }

    private static Optional<String> known(String type) {
        if (type.length() > 100) {
            return Optional.empty();
        }
        Optional<EventType> byCeType = EventType.fromCeType(type);
        if (byCeType.isEmpty()) {
            byCeType = Arrays.stream(EventType.values())
                    .filter(t -> t.name().equalsIgnoreCase(type))
                    .findFirst();
        }
        return byCeType.filter(t -> TOPICS.contains(t.topic())).map(EventType::ceType);
    }

    public static Optional<String> description(String description, List<Problem.FieldError> errors) {
        if (description == null || description.isBlank()) {
            return Optional.empty();
        }
        if (description.strip().length() > MAX_DESCRIPTION) {
            errors.add(new Problem.FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
            return Optional.empty();
        }
        return Optional.of(description.strip());
    }
}
