package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Rejects an explicit {@code null} in a field the contract marks required (Jackson only catches absence). */
public final class RequiredFields {
    private static final Map<Class<?>, List<RecordComponent>> REQUIRED = new ConcurrentHashMap<>();
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private RequiredFields() {}

    static void check(String ceType, Object value) {
        check(ceType, value, "");
    }

    private static void check(String ceType, Object value, String prefix) {
        if (value == null || !value.getClass().isRecord()) {
            return;
        }
        for (RecordComponent component : REQUIRED.computeIfAbsent(value.getClass(), RequiredFields::components)) {
            Object field;
            try {
                field = component.getAccessor().invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
            String name = prefix + SNAKE.translate(component.getName());
            if (field == null && isRequired(component)) {
                throw new EventDecodingException(ceType + ": missing required field '" + name + "'");
            }
            check(ceType, field, name + ".");
        }
    }

    private static List<RecordComponent> components(Class<?> type) {
        return Arrays.asList(type.getRecordComponents());
    }

    public static boolean isRequired(RecordComponent component) {
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        return property != null && property.required();
    }
}
