package io.ticketsuite.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the AsyncAPI 3.0 document of the topics from the contract's records, so the two never drift. */
final class AsyncApiGenerator {
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    static Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("asyncapi", "3.0.0");
        doc.put(
                "info",
                obj(
                        "title", "Ticket Suite events",
                        "version", "1.0.0",
                        "description",
                                "Every event of the suite. Kafka key = ticket id; CloudEvents 1.0 binary mode "
                                        + "(headers ce_specversion, ce_id, ce_source, ce_type, ce_time, ce_subject, content-type); "
                                        + "value = the JSON data below (snake_case, enums upper snake case, unknown fields ignored). "
                                        + "Generated from the ticket-events records by AsyncApiDocumentTest."));
        Map<String, Object> channels = new LinkedHashMap<>();
        Map<String, Object> operations = new LinkedHashMap<>();
        Map<String, Object> messages = new LinkedHashMap<>();
        Map<String, Object> schemas = new LinkedHashMap<>();
        for (String topic : Topics.ALL) {
            Map<String, Object> channelMessages = new LinkedHashMap<>();
            for (EventType type : EventType.values()) {
                if (!type.topic().equals(topic)) {
                    continue;
                }
                String name = type.dataType().getSimpleName();
                channelMessages.put(name, obj("$ref", "#/components/messages/" + name));
                Map<String, Object> message = new LinkedHashMap<>();
                message.put("name", type.ceType());
                message.put("contentType", CloudEventHeaders.JSON);
                message.put("headers", headersSchema(type));
                message.put("payload", obj("$ref", "#/components/schemas/" + name));
                messages.put(name, message);
                addSchema(type.dataType(), schemas);
            }
            channels.put(topic, obj("address", topic, "messages", channelMessages));
            operations.put("publish-" + topic, obj("action", "send", "channel", obj("$ref", "#/channels/" + topic)));
        }
        doc.put("channels", channels);
        doc.put("operations", operations);
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("messages", messages);
        components.put("schemas", schemas);
        doc.put("components", components);
        return doc;
    }

    private static Map<String, Object> headersSchema(EventType type) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(CloudEventHeaders.SPEC_VERSION, obj("type", "string", "const", "1.0"));
        props.put(CloudEventHeaders.ID, obj("type", "string", "format", "uuid"));
        props.put(CloudEventHeaders.SOURCE, obj("type", "string"));
        props.put(CloudEventHeaders.TYPE, obj("type", "string", "const", type.ceType()));
        props.put(CloudEventHeaders.TIME, obj("type", "string", "format", "date-time"));
        props.put(CloudEventHeaders.SUBJECT, obj("type", "string", "description", "the ticket id"));
        props.put(CloudEventHeaders.CONTENT_TYPE, obj("type", "string", "const", CloudEventHeaders.JSON));
        return obj("type", "object", "properties", props, "required", new ArrayList<>(props.keySet()));
    }

    private static void addSchema(Class<?> record, Map<String, Object> schemas) {
        if (schemas.containsKey(record.getSimpleName())) {
            return;
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schemas.put(record.getSimpleName(), schema);
        schema.put("type", "object");
        Map<String, Object> props = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            String name = SNAKE.translate(component.getName());
            props.put(name, typeSchema(component.getGenericType(), schemas));
            if (RequiredFields.isRequired(component)) {
                required.add(name);
            }
        }
        schema.put("properties", props);
        schema.put("required", required);
    }

    private static Map<String, Object> typeSchema(Type type, Map<String, Object> schemas) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] args = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                return obj("type", "array", "items", typeSchema(args[0], schemas));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return args[1] == Object.class
                        ? obj("type", "object")
                        : obj("type", "object", "additionalProperties", typeSchema(args[1], schemas));
            }
        }
        Class<?> cls = (Class<?>) type;
        if (cls == String.class) {
            return obj("type", "string");
        }
        if (cls == UUID.class) {
            return obj("type", "string", "format", "uuid");
        }
        if (cls == Instant.class) {
            return obj("type", "string", "format", "date-time");
        }
        if (cls == int.class || cls == Integer.class || cls == long.class || cls == Long.class) {
            return obj("type", "integer");
        }
        if (cls == double.class || cls == Double.class) {
            return obj("type", "number");
        }
        if (cls == boolean.class || cls == Boolean.class) {
            return obj("type", "boolean");
        }
        if (cls.isEnum()) {
            return obj(
                    "type",
                    "string",
                    "enum",
                    Arrays.stream(cls.getEnumConstants()).map(Object::toString).toList());
        }
        if (cls.isRecord()) {
            addSchema(cls, schemas);
            return obj("$ref", "#/components/schemas/" + cls.getSimpleName());
        }
        throw new IllegalArgumentException("no schema mapping for " + cls);
    }

    /** An insertion-ordered map, so the generated document is stable from run to run. */
    private static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private AsyncApiGenerator() {}
}
