package io.ticketsuite.intake.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.events.Channel;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.intake.rest.dto.CreateTicketRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotencyHashTest {
    private static CreateTicketRequest request(String subject, List<String> tags) {
        return new CreateTicketRequest(
                subject,
                "body",
                TicketType.SUPPORT,
                Channel.API,
                new CreateTicketRequest.Customer("c-1", "a@example.com", CustomerTier.FREE, "en"),
                tags,
                null);
    }

    @Test
    void shouldHashEqualRequestsEqually() {
        assertThat(TicketService.hash(request("Hello", List.of("a", "b"))))
                .isEqualTo(TicketService.hash(request("Hello", List.of("a", "b"))))
                .hasSize(64);
    }

    @Test
    void shouldHashDifferentRequestsDifferently() {
        assertThat(TicketService.hash(request("Hello", List.of("a"))))
                .isNotEqualTo(TicketService.hash(request("Hello!", List.of("a"))))
                .isNotEqualTo(TicketService.hash(request("Hello", List.of("b"))));
    }
}
