package io.ticketsuite.notification.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;

/**
 * An event as a CloudEvents 1.0 JSON document in structured content mode ({@code application/cloudevents+json}):
 * the attributes the event carried on Kafka (id, source, type, subject = ticket id, time) and its data as the
 * contract writes it (snake_case).
 */
public final class CloudEventDocument {
    public static final String MEDIA_TYPE = "application/cloudevents+json";

    private CloudEventDocument() {}

    public static String of(EventEnvelope<? extends EventData> event) {
        ObjectMapper mapper = EventCodec.mapper();
        ObjectNode doc = mapper.createObjectNode();
        doc.put("specversion", "1.0");
        doc.put("id", event.id().toString());
        doc.put("source", event.source());
        doc.put("type", event.type().ceType());
        doc.put("subject", event.subject());
        doc.put("time", event.time().toString());
        doc.put("datacontenttype", "application/json");
        doc.set("data", mapper.valueToTree(event.data()));
        try {
            return mapper.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the CloudEvent of " + event.id(), e);
        }
    }
}
