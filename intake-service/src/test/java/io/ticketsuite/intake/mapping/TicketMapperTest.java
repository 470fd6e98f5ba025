package io.ticketsuite.intake.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.events.Channel;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.intake.Ticket;
import io.ticketsuite.intake.rest.dto.CreateTicketRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TicketMapperTest {
    @Test
    void shouldMapARequestToANewTicketAndItsCreatedEvent() {
        UUID id = UUID.randomUUID();
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        CreateTicketRequest request = new CreateTicketRequest(
                "  Server down  ",
                "All users affected",
                TicketType.SUPPORT,
                Channel.MONITORING,
                new CreateTicketRequest.Customer("c-1", "ops@example.com", CustomerTier.ENTERPRISE, "de"),
                List.of("alert"),
                "alert-42");

        Ticket ticket = TicketMapper.newTicket(id, request, now);
        TicketCreated event = TicketMapper.created(ticket);

        assertThat(ticket.status).isEqualTo(TicketStatus.NEW);
        assertThat(ticket.subject).isEqualTo("Server down");
        assertThat(event.ticketId()).isEqualTo(id);
        assertThat(event.type()).isEqualTo(TicketType.SUPPORT);
        assertThat(event.channel()).isEqualTo(Channel.MONITORING);
        assertThat(event.customer().tier()).isEqualTo(CustomerTier.ENTERPRISE);
        assertThat(event.customer().language()).isEqualTo("de");
        assertThat(event.tags()).containsExactly("alert");
        assertThat(event.externalId()).isEqualTo("alert-42");
        assertThat(event.createdAt()).isEqualTo(now);
        assertThat(TicketMapper.toResponse(ticket).customer().email()).isEqualTo("ops@example.com");
    }
}
