package io.ticketsuite.intake.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ticketsuite.events.Customer;
import io.ticketsuite.events.EscalationDetails;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.Reproduction;
import io.ticketsuite.events.Resolution;
import io.ticketsuite.events.SupportDetails;
import io.ticketsuite.events.TicketCommentAdded;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.intake.Attachment;
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

    private static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not readable", e);
        }
    }

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
        ticket.supportDetails = json(supportDetails(request));
        ticket.escalationDetails = json(escalationDetails(request));
        ticket.createdAt = now;
        ticket.updatedAt = now;
        return ticket;
    }

    /** The SUPPORT details of a request, or null when it has none. */
    public static SupportDetails supportDetails(CreateTicketRequest r) {
        if (!r.hasSupportDetails()) {
            return null;
        }
        Reproduction reproduction = r.reproduction() == null
                ? null
                : new Reproduction(
                        r.reproduction().steps(),
                        r.reproduction().expected(),
                        r.reproduction().actual());
        return new SupportDetails(reproduction, r.affected(), r.errorMessages(), r.environment());
    }

    /** The ESCALATION details of a request, or null when it has none. */
    public static EscalationDetails escalationDetails(CreateTicketRequest r) {
        if (!r.hasEscalationDetails()) {
            return null;
        }
        return new EscalationDetails(
                r.client(),
                r.escalationTypes(),
                r.actionTaken(),
                r.evidence(),
                r.relationshipImpact(),
                r.suggestedNextSteps());
    }

    public static TicketResponse toResponse(Ticket t) {
        return toResponse(t, List.of());
    }

    /** The ticket with the ids of the tickets that follow it up. */
    public static TicketResponse toResponse(Ticket t, List<UUID> followUps) {
        return new TicketResponse(
                t.id,
                t.ref,
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
                t.resolvedAt,
                read(t.supportDetails, SupportDetails.class),
                read(t.escalationDetails, EscalationDetails.class),
                t.followsUp,
                followUps,
                t.classifiedCategory == null && t.classifiedPriority == null
                        ? null
                        : new TicketResponse.Classification(t.classifiedCategory, t.classifiedPriority),
                t.reclassifiedBy == null && t.reclassifiedAt == null
                        ? null
                        : new TicketResponse.Reclassification(
                                t.reclassifiedBy, t.reclassifiedAt, t.reclassificationReason),
                t.scheduledFor,
                t.estimateMinutes,
                t.timeLoggedMinutes,
                resolution(t),
                t.closedAt,
                attachments(t));
    }

    /** The ticket's last resolution, or null if it was never resolved with one. */
    public static Resolution resolution(Ticket t) {
        return t.resolutionCategory == null && t.resolutionSummary == null
                ? null
                : new Resolution(t.resolutionCategory, t.resolutionSummary, t.lessonsLearned);
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
                t.createdAt,
                read(t.supportDetails, SupportDetails.class),
                read(t.escalationDetails, EscalationDetails.class),
                t.followsUp,
                t.ref);
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<List<Attachment>> ATTACHMENTS =
            new com.fasterxml.jackson.core.type.TypeReference<>() {};

    /** The ticket's attachments (metadata), oldest first; empty when it has none. */
    public static List<Attachment> attachments(Ticket t) {
        if (t.attachments == null) {
            return List.of();
        }
        try {
            return EventCodec.mapper().readValue(t.attachments, ATTACHMENTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attachments are not readable", e);
        }
    }

    /** The attachments as stored on the ticket (null when there are none). */
    public static String attachmentsJson(List<Attachment> attachments) {
        return attachments == null || attachments.isEmpty() ? null : json(attachments);
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
