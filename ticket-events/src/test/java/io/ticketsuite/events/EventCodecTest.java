package io.ticketsuite.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

    static Stream<EventData> samples() {
        return EventSamples.all().stream();
    }

    @Test
    void shouldHaveASampleForEveryEventType() {
        assertThat(EventSamples.all().stream().map(EventType::of)).containsExactlyInAnyOrder(EventType.values());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void shouldRoundTripEveryEventThroughHeadersAndJson(EventData data) {
        EventEnvelope<EventData> sent = EventEnvelope.of("test", data, EventSamples.T);

        EventEnvelope<EventData> received = EventCodec.decode(EventCodec.headers(sent), EventCodec.toJson(data));

        assertThat(received).isEqualTo(sent);
        assertThat(received.subject()).isEqualTo(EventSamples.TICKET.toString());
    }

    @Test
    void shouldWriteSnakeCaseFieldsAndUpperCaseEnums() {
        String json = EventCodec.toJson(EventSamples.all().get(0));

        assertThat(json)
                .contains("\"ticket_id\":\"" + EventSamples.TICKET + "\"")
                .contains("\"type\":\"SUPPORT\"")
                .contains("\"tier\":\"ENTERPRISE\"")
                .contains("\"created_at\":\"2026-11-26T10:15:30.123Z\"");
    }

    @Test
    void shouldTolerateUnknownFieldsAndLowerCaseEnums() {
        String json = "{\"ticket_id\":\"" + EventSamples.TICKET + "\",\"category\":\"billing\",\"priority\":\"p2\","
                + "\"confidence\":0.5,\"triaged_at\":\"2026-11-26T10:15:30Z\",\"added_in_v2\":{\"x\":1}}";

        TicketTriaged triaged = EventCodec.fromJson(EventType.TICKET_TRIAGED, json, TicketTriaged.class);

        assertThat(triaged.priority()).isEqualTo(Priority.P2);
        assertThat(triaged.category()).isEqualTo("billing");
    }

    @Test
    void shouldReadAStatusChangeWithoutTheOptionalRoleOfWhoChangedIt() {
        String json = "{\"ticket_id\":\"" + EventSamples.TICKET + "\",\"type\":\"SUPPORT\",\"from\":\"NEW\","
                + "\"to\":\"TRIAGED\",\"changed_by\":\"triage-service\",\"changed_at\":\"2026-11-26T10:15:30Z\"}";

        TicketStatusChanged changed = (TicketStatusChanged)
                EventCodec.decode(headers("ticket.status-changed"), json).data();

        assertThat(changed.changedBy()).isEqualTo("triage-service");
        assertThat(changed.changedByRole()).isNull();
        assertThat(EventCodec.toJson(new TicketStatusChanged(
                        EventSamples.TICKET,
                        TicketType.SUPPORT,
                        TicketStatus.RESOLVED,
                        TicketStatus.CLOSED,
                        null,
                        "cust-c-1",
                        "CUSTOMER",
                        EventSamples.T)))
                .contains("\"changed_by\":\"cust-c-1\"")
                .contains("\"changed_by_role\":\"CUSTOMER\"");
    }

    @Test
    void shouldRejectMissingRequiredFieldNamingIt() {
        String json = "{\"category\":\"billing\",\"priority\":\"P2\",\"triaged_at\":\"2026-11-26T10:15:30Z\"}";

        assertThatThrownBy(() -> EventCodec.decode(headers("ticket.triaged"), json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("ticket.triaged: missing required field 'ticket_id'");
    }

    @Test
    void shouldRejectExplicitNullInRequiredNestedField() {
        String json = EventCodec.toJson(EventSamples.all().get(0)).replace("\"tier\":\"ENTERPRISE\"", "\"tier\":null");

        assertThatThrownBy(() -> EventCodec.decode(headers("ticket.created"), json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("ticket.created: missing required field 'customer.tier'");
    }

    @Test
    void shouldRejectUnknownEventType() {
        assertThatThrownBy(() -> EventCodec.decode(headers("ticket.exploded"), "{}"))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("unknown event type 'ticket.exploded'");
    }

    @Test
    void shouldRejectMalformedJson() {
        assertThatThrownBy(() -> EventCodec.decode(headers("ticket.reopened"), "{not json"))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("ticket.reopened: malformed JSON");
    }

    @Test
    void shouldRejectInvalidEnumValueNamingTheField() {
        String json = "{\"ticket_id\":\"" + EventSamples.TICKET + "\",\"category\":\"billing\",\"priority\":\"P9\","
                + "\"triaged_at\":\"2026-11-26T10:15:30Z\"}";

        assertThatThrownBy(() -> EventCodec.decode(headers("ticket.triaged"), json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("ticket.triaged: invalid value 'P9' for field 'priority'");
    }

    @Test
    void shouldRejectMissingTypeHeader() {
        Map<String, String> headers = headers("ticket.reopened");
        headers.remove(CloudEventHeaders.TYPE);

        assertThatThrownBy(() -> EventCodec.decode(headers, "{}")).hasMessage("missing header ce_type");
    }

    @Test
    void shouldMapEveryTypeToTheTopicOfItsWriter() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::topic)).allMatch(Topics.ALL::contains);
        assertThat(EventType.fromCeType("sla.breached")).contains(EventType.SLA_BREACHED);
        assertThat(EventType.SLA_BREACHED.topic()).isEqualTo(Topics.SLA_EVENTS);
    }

    @Test
    void shouldRefuseAnEnvelopeWhoseTypeDoesNotMatchItsData() {
        assertThatThrownBy(() -> new EventEnvelope<>(
                        UUID.randomUUID(),
                        EventType.SLA_MET,
                        "x",
                        EventSamples.T,
                        EventSamples.all().get(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, String> headers(String type) {
        Map<String, String> headers = new HashMap<>();
        headers.put(CloudEventHeaders.TYPE, type);
        headers.put(CloudEventHeaders.ID, UUID.randomUUID().toString());
        headers.put(CloudEventHeaders.TIME, "2026-11-26T10:15:30Z");
        headers.put(CloudEventHeaders.SOURCE, "test");
        return headers;
    }
}
