package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code ticket.created} on ticket-events: a new ticket was accepted from a channel.
 *
 * @param support the fault a SUPPORT ticket describes (reproduction, affected sites/products, error messages,
 *     environment); absent for other types and when none was given
 * @param escalation the concern an ESCALATION ticket raises about a client; absent for other types
 * @param followsUp the closed ticket this one follows up (a customer wrote again after the reopen window); absent
 *     otherwise
 * @param ref the ticket's short human reference ({@code TS-1042}), unique and sequential; absent on events written
 *     before references existed
 */
public record TicketCreated(
        @JsonProperty(required = true) UUID ticketId,
        @JsonProperty(required = true) TicketType type,
        @JsonProperty(required = true) Channel channel,
        @JsonProperty(required = true) String subject,
        String description,
        @JsonProperty(required = true) Customer customer,
        List<String> tags,
        String externalId,
        @JsonProperty(required = true) TicketStatus status,
        @JsonProperty(required = true) Instant createdAt,
        SupportDetails support,
        EscalationDetails escalation,
        UUID followsUp,
        String ref)
        implements EventData {

    /** A ticket as announced before human references existed (no {@code ref}). */
    public TicketCreated(
            UUID ticketId,
            TicketType type,
            Channel channel,
            String subject,
            String description,
            Customer customer,
            List<String> tags,
            String externalId,
            TicketStatus status,
            Instant createdAt,
            SupportDetails support,
            EscalationDetails escalation,
            UUID followsUp) {
        this(
                ticketId,
                type,
                channel,
                subject,
                description,
                customer,
                tags,
                externalId,
                status,
                createdAt,
                support,
                escalation,
                followsUp,
                null);
    }

    /** A ticket without type-specific details and not following up another one. */
    public TicketCreated(
            UUID ticketId,
            TicketType type,
            Channel channel,
            String subject,
            String description,
            Customer customer,
            List<String> tags,
            String externalId,
            TicketStatus status,
            Instant createdAt) {
        this(
                ticketId,
                type,
                channel,
                subject,
                description,
                customer,
                tags,
                externalId,
                status,
                createdAt,
                null,
                null,
                null,
                null);
    }
}
