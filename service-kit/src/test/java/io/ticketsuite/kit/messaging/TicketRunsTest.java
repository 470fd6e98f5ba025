package io.ticketsuite.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TicketRunsTest {
    record Event(String ticket, int n) {}

    @Test
    void consecutiveEventsOfOneTicketFormARunInTheirOrder() {
        List<Event> events =
                List.of(new Event("a", 1), new Event("a", 2), new Event("b", 3), new Event("a", 4), new Event("a", 5));

        assertThat(TicketRuns.of(events, Event::ticket))
                .containsExactly(
                        List.of(new Event("a", 1), new Event("a", 2)),
                        List.of(new Event("b", 3)),
                        List.of(new Event("a", 4), new Event("a", 5)));
    }

    @Test
    void noEventsNoRuns() {
        assertThat(TicketRuns.of(List.<Event>of(), Event::ticket)).isEmpty();
    }
}
