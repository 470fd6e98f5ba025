package io.ticketsuite.intake.mapping;

import io.ticketsuite.events.Customer;
import io.ticketsuite.events.TicketCommentAdded;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.intake.Ticket;
import io.ticketsuite.intake.TicketComment;
import io.ticketsuite.intake.rest.dto.CommentResponse;
import io.ticketsuite.intake.rest.dto.CreateTicketRequest;
import io.ticketsuite.intake.rest.dto.TicketResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Maps between requests, entities, responses and events. */
public final class TicketMapper {
    private TicketMapper() {}

    public static Ticket newTicket(UUID id, CreateTicketRequest request, Instant now) {
        Ticket ticket = new Ticket();
        ticket.id = id;
        ticket.type = request.type();
        ticket.channel = request.channel();
        ticket.status = TicketStatus.NEW;
        ticket.subject = request.subject().strip();
        ticket.description = request.description();
        ticket.customerId = request.customer().id();
        ticket.customerEmail = request.customer().email();
        ticket.customerTier = request.customer().tier();
        ticket.customerLanguage = request.customer().language();
        ticket.customerTimeZone = request.customer().timeZone();
        ticket.tags = request.tags() == null ? List.of() : List.copyOf(request.tags());
        ticket.externalId = request.externalId();
        ticket.createdAt = now;
        ticket.updatedAt = now;
        return ticket;
    }

    public static TicketResponse toResponse(Ticket t) {
        return new TicketResponse(
                t.id,
                t.type,
                t.channel,
                t.status,
                t.subject,
                t.description,
                new TicketResponse.Customer(
                        t.customerId, t.customerEmail, t.customerTier, t.customerLanguage, t.customerTimeZone),
                t.tags == null ? List.of() : t.tags,
                t.externalId,
                t.category,
                t.priority,
                t.teamId,
                t.assigneeId,
                t.createdAt,
                t.updatedAt,
                t.resolvedAt);
    }

    public static TicketCreated created(Ticket t) {
        return new TicketCreated(
                t.id,
                t.type,
                t.channel,
                t.subject,
                t.description,
                new Customer(t.customerId, t.customerEmail, t.customerTier, t.customerLanguage, t.customerTimeZone),
                t.tags,
                t.externalId,
                t.status,
                t.createdAt);
    }

    public static CommentResponse toResponse(TicketComment c) {
        return new CommentResponse(
                c.id,
                c.ticketId,
                c.body,
                new CommentResponse.Author(c.authorId, c.authorRole),
                c.visibility,
                c.createdAt);
    }

    public static TicketCommentAdded commentAdded(TicketComment c) {
        return new TicketCommentAdded(c.ticketId, c.id, c.authorId, c.authorRole, c.visibility, c.body, c.createdAt);
    }
}
