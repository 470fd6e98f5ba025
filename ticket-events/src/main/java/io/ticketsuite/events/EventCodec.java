package io.ticketsuite.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * JSON (de)serialisation of event data, and the CloudEvents binary-mode headers that go with it. Field names
 * are snake_case, enums upper snake case (read case-insensitively), instants ISO-8601; unknown fields are
 * ignored so producers may add fields without breaking consumers.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private EventCodec() {}

    /** The mapper the contract uses; shared so services write exactly what consumers read. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String toJson(EventData data) {
        try {
            return MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialise " + data.getClass().getSimpleName(), e);
        }
    }

    /** Reads the data of a known event type from its JSON. */
    public static <T extends EventData> T fromJson(EventType type, String json, Class<T> expected) {
        if (!expected.isAssignableFrom(type.dataType())) {
            throw new IllegalArgumentException(type.ceType() + " does not carry " + expected.getSimpleName());
        }
        return expected.cast(decodeData(type, json));
    }

    /** The CloudEvents headers of an envelope, in binary content mode. */
    public static Map<String, String> headers(EventEnvelope<?> envelope) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        headers.put(CloudEventHeaders.ID, envelope.id().toString());
        headers.put(CloudEventHeaders.SOURCE, envelope.source());
        headers.put(CloudEventHeaders.TYPE, envelope.type().ceType());
        headers.put(CloudEventHeaders.TIME, envelope.time().toString());
        headers.put(CloudEventHeaders.SUBJECT, envelope.subject());
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return headers;
    }

    /**
     * Reads an envelope from CloudEvents headers and a JSON value.
     *
     * @throws EventDecodingException with a message naming what is wrong
     */
    public static EventEnvelope<EventData> decode(Map<String, String> headers, String json) {
        String ceType = headers.get(CloudEventHeaders.TYPE);
        if (ceType == null) {
            throw new EventDecodingException("missing header " + CloudEventHeaders.TYPE);
        }
        EventType type = EventType.fromCeType(ceType)
                .orElseThrow(() -> new EventDecodingException("unknown event type '" + ceType + "'"));
        UUID id = parseId(headers.get(CloudEventHeaders.ID));
        Instant time = parseTime(headers.get(CloudEventHeaders.TIME));
        String source = headers.getOrDefault(CloudEventHeaders.SOURCE, "unknown");
        EventData data = decodeData(type, json);
        return new EventEnvelope<>(id, type, source, time, data);
    }

    private static EventData decodeData(EventType type, String json) {
        if (json == null || json.isBlank()) {
            throw new EventDecodingException(type.ceType() + ": empty payload");
        }
        EventData data;
        try {
            data = MAPPER.readValue(json, type.dataType());
        } catch (ValueInstantiationException e) {
            throw new EventDecodingException(type.ceType() + ": " + e.getOriginalMessage(), e);
        } catch (MismatchedInputException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Missing required creator property")) {
                int open = message.indexOf('\'');
                int close = message.indexOf('\'', open + 1);
                String field = open >= 0 && close > open ? message.substring(open + 1, close) : path(e);
                String path = path(e);
                String name = path.equals(field) || path.endsWith("." + field)
                        ? path
                        : (path.isEmpty() ? field : path + "." + field);
                throw new EventDecodingException(type.ceType() + ": missing required field '" + name + "'", e);
            }
            if (e instanceof InvalidFormatException ife) {
                throw new EventDecodingException(
                        type.ceType() + ": invalid value '" + ife.getValue() + "' for field '" + path(e) + "'", e);
            }
            throw new EventDecodingException(type.ceType() + ": invalid field '" + path(e) + "': " + message, e);
        } catch (JsonMappingException e) {
            throw new EventDecodingException(type.ceType() + ": invalid field '" + path(e) + "'", e);
        } catch (JsonProcessingException e) {
            throw new EventDecodingException(type.ceType() + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (data == null) {
            throw new EventDecodingException(type.ceType() + ": payload is null");
        }
        RequiredFields.check(type.ceType(), data);
        return data;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static UUID parseId(String id) {
        if (id == null) {
            throw new EventDecodingException("missing header " + CloudEventHeaders.ID);
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new EventDecodingException("header " + CloudEventHeaders.ID + " is not a UUID: '" + id + "'");
        }
    }

    private static Instant parseTime(String time) {
        if (time == null) {
            throw new EventDecodingException("missing header " + CloudEventHeaders.TIME);
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new EventDecodingException("header " + CloudEventHeaders.TIME + " is not an instant: '" + time + "'");
        }
    }
}
