package io.ticketsuite.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.EventType;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaBreached;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.events.TicketTriaged;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChatNoticeTest {
    private final UUID ticket = UUID.randomUUID();
    private final Instant now = Instant.parse("2026-11-29T20:00:00Z");

    @Test
    void shouldNoticeATicketTriagedP1Only() throws Exception {
        String body = ChatNotice.body(EventEnvelope.of("t", triaged(Priority.P1), now), "Site <down> & out")
                .orElseThrow();
        String text = (String) EventCodec.mapper().readValue(body, Map.class).get("text");
        assertThat(text).contains("P1", ticket.toString(), "technical", "Site &lt;down&gt; &amp; out");
        assertThat(ChatNotice.body(EventEnvelope.of("t", triaged(Priority.P2), now), null))
                .isEmpty();
    }

    @Test
    void shouldNoticeAReclassificationToP1FromAnotherPriorityOnly() {
        assertThat(ChatNotice.applies(reclassified(Priority.P3, Priority.P1))).isTrue();
        assertThat(ChatNotice.text(reclassified(Priority.P3, Priority.P1), null))
                .contains("reclassified from P3");
        assertThat(ChatNotice.applies(reclassified(Priority.P1, Priority.P1))).isFalse();
        assertThat(ChatNotice.applies(reclassified(Priority.P1, Priority.P2))).isFalse();
    }

    @Test
    void shouldNoticeEveryBreach() {
        SlaBreached breach =
                new SlaBreached(ticket, SlaClock.RESPONSE, 100, Priority.P2, now, null, "billing", "lead-billing", now);
        assertThat(ChatNotice.text(breach, null))
                .contains("SLA breached", "response", "P2", ticket.toString(), "team billing", "unassigned");
    }

    @Test
    void shouldNameTheTypesOfEveryEventThatMakesANotice() {
        // the webhook consumer reads only these types when no subscription wants others
        SlaBreached breach =
                new SlaBreached(ticket, SlaClock.RESPONSE, 100, Priority.P2, now, null, "billing", "lead-billing", now);
        for (var data : java.util.List.of(triaged(Priority.P1), reclassified(Priority.P3, Priority.P1), breach)) {
            assertThat(ChatNotice.applies(data)).isTrue();
            assertThat(ChatNotice.TYPES).contains(EventType.of(data));
        }
        assertThat(ChatNotice.TYPES).hasSize(3);
    }

    private TicketTriaged triaged(Priority priority) {
        return new TicketTriaged(ticket, "technical", priority, 0.9, Map.of(), "1", now);
    }

    private TicketReclassified reclassified(Priority from, Priority to) {
        return new TicketReclassified(ticket, "technical", "security", from, to, "customer data", now, "lead-1");
    }
}
