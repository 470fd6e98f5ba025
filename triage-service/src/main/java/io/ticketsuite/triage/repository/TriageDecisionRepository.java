package io.ticketsuite.triage.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.triage.TriageDecision;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.UUID;

/** Decisions by ticket id. */
@ApplicationScoped
public class TriageDecisionRepository implements PanacheRepositoryBase<TriageDecision, UUID> {
    private static final String INSERT_IF_ABSENT = "INSERT INTO triage_decision (ticket_id, category, priority,"
            + " confidence, explanation, rule_pack_version, customer_tier, decided_at, source_event_id,"
            + " subject, description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (ticket_id) DO NOTHING";

    /**
     * Stores the decision unless the ticket already has one, in the current transaction. Emits true when this
     * call stored it; false when an earlier decision stands (it is left untouched).
     */
    public Uni<Boolean> insertIfAbsent(TriageDecision decision) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT_IF_ABSENT)
                        .setParameter(1, decision.ticketId)
                        .setParameter(2, decision.category)
                        .setParameter(3, decision.priority)
                        .setParameter(4, decision.confidence)
                        .setParameter(5, decision.explanation)
                        .setParameter(6, decision.rulePackVersion)
                        .setParameter(7, decision.customerTier)
                        .setParameter(8, decision.decidedAt.atOffset(ZoneOffset.UTC))
                        .setParameter(9, decision.sourceEventId)
                        .setParameter(10, decision.subject)
                        .setParameter(11, decision.description)
                        .executeUpdate())
                .map(rows -> rows == 1);
    }
}
