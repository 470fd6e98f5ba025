package io.ticketsuite.kit.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Request bodies may not carry a NUL character in any text: PostgreSQL cannot store it, so it is refused as a 400
 * validation problem naming the field, before it reaches a service.
 */
@Singleton
public class TextSafetyCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("ticketsuite-text-safety").addDeserializer(String.class, new NoNul()));
    }

    static final class NoNul extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw context.weirdStringException(value, String.class, "contains a NUL character");
            }
            return value;
        }
    }
}
