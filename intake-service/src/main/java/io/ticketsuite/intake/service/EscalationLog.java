package io.ticketsuite.intake.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EscalationTarget;
import io.ticketsuite.events.TicketEscalated;
import io.ticketsuite.intake.Ticket;
import io.ticketsuite.intake.TicketEscalation;
import io.ticketsuite.intake.rest.dto.EscalationResponse;
import io.ticketsuite.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A ticket's escalations as routing's matrix announced them, kept so the ticket's staff view shows them without a
 * call to routing. Written in the consumer's transaction; one row per escalation id, however often it is delivered.
 */
@ApplicationScoped
public class EscalationLog {
    private static final Logger LOG = Logger.getLogger(EscalationLog.class);
    private static final TypeReference<List<EscalationResponse.Target>> TARGETS = new TypeReference<>() {};

    private final ObjectMapper json;

    public EscalationLog(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Records one {@code ticket.escalated}. {@code fallbackId} (the event id) names escalations published without
     * an escalation id (the contract's original five-field form).
     */
    public Uni<Void> record(TicketEscalated escalated, UUID fallbackId) {
        UUID id = escalated.escalationId() == null ? fallbackId : escalated.escalationId();
        return Panache.getSession()
                .chain(session -> session.find(TicketEscalation.class, id).chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().voidItem();
                    }
                    TicketEscalation row = new TicketEscalation();
                    row.escalationId = id;
                    row.ticketId = escalated.ticketId();
                    row.level = escalated.level();
                    row.rule = escalated.rule();
                    row.reason = escalated.reason();
                    row.teamId = escalated.teamId();
                    row.targets = targets(escalated.targets());
                    row.acknowledgeBy = escalated.acknowledgeBy();
                    row.immediate = escalated.immediate();
                    row.escalatedAt = escalated.escalatedAt();
                    LOG.debugf("ticket %s escalated to %s (%s)", row.ticketId, row.level, row.rule);
                    return session.persist(row);
                }));
    }

    /** A ticket's escalations, oldest first; 404 when there is no such ticket. */
    @WithSession
    public Uni<List<EscalationResponse>> of(UUID ticketId) {
        return Panache.getSession()
                .chain(session -> session.find(Ticket.class, ticketId)
                        .chain(ticket -> {
                            if (ticket == null) {
                                throw ProblemException.notFound("ticket", ticketId.toString());
                            }
                            return session.createQuery(
                                            "from TicketEscalation where ticketId = :id order by escalatedAt, escalationId",
                                            TicketEscalation.class)
                                    .setParameter("id", ticketId)
                                    .getResultList();
                        })
                        .map(rows -> rows.stream().map(this::toResponse).toList()));
    }

    private EscalationResponse toResponse(TicketEscalation row) {
        List<EscalationResponse.Target> targets;
        try {
            targets = json.readValue(row.targets, TARGETS);
        } catch (JsonProcessingException e) {
            targets = List.of();
        }
        return new EscalationResponse(
                row.escalationId,
                row.ticketId,
                row.level,
                row.rule,
                row.reason,
                row.teamId,
                targets,
                row.acknowledgeBy,
                row.immediate,
                row.escalatedAt);
    }

    private String targets(List<EscalationTarget> targets) {
        List<EscalationResponse.Target> out = targets.stream()
                .map(t -> new EscalationResponse.Target(t.staffId(), t.name(), t.role()))
                .toList();
        try {
            return json.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("escalation targets are not serialisable", e);
        }
    }
}
