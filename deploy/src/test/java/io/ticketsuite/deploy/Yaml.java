package io.ticketsuite.deploy;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Multi-document YAML (a rendered overlay, a CRD file) as JSON trees. */
final class Yaml {
    private static final YAMLMapper MAPPER = YAMLMapper.builder().build();

    private Yaml() {}

    static List<JsonNode> documents(String text) {
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(text);
                MappingIterator<JsonNode> values = MAPPER.readValues(parser, JsonNode.class)) {
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && !document.isNull() && !document.isMissingNode() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }
}
