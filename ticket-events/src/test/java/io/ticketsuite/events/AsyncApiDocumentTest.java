package io.ticketsuite.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI document shipped in the jar must describe exactly the records of the contract. Run with
 * {@code -Dasyncapi.write=true} to regenerate it after changing an event.
 */
class AsyncApiDocumentTest {
    private static final Path DOCUMENT = Path.of("src/main/resources/asyncapi/ticket-suite.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    @Test
    void shouldDescribeEveryEventTypeOfTheContract() throws Exception {
        String generated = YAML.writeValueAsString(AsyncApiGenerator.document());
        if (Boolean.getBoolean("asyncapi.write")) {
            Files.writeString(DOCUMENT, generated);
        }
        assertThat(Files.readString(DOCUMENT))
                .as("asyncapi document is stale: run mvn -pl ticket-events test -Dasyncapi.write=true")
                .isEqualTo(generated);
        Map<?, ?> components = (Map<?, ?>) YAML.readValue(generated, Map.class).get("components");
        assertThat((Map<?, ?>) components.get("messages")).hasSize(EventType.values().length);
    }
}
