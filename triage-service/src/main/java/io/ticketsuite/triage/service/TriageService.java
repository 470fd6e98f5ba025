package io.ticketsuite.triage.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.triage.TriageDecision;
import io.ticketsuite.triage.classifier.Classification;
import io.ticketsuite.triage.mapping.TriageMapper;
import io.ticketsuite.triage.repository.CorrectionRepository;
import io.ticketsuite.triage.repository.TriageDecisionRepository;
import io.ticketsuite.triage.rest.dto.TriageDecisionResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Triages new tickets: classifies a ticket.created, stores the decision and appends ticket.triaged to the outbox,
 * in the consumer's transaction. The first decision of a ticket stands; a later ticket.created for it is skipped.
 */
@ApplicationScoped
public class TriageService {
    private static final Logger LOG = Logger.getLogger(TriageService.class);

    private final TriageDecisionRepository decisions;
    private final ClassifierService classifier;
    private final RulePackService rulePacks;
    private final RecurringService recurring;
    private final CorrectionRepository corrections;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Counter alreadyTriaged;

    public TriageService(
            TriageDecisionRepository decisions,
            ClassifierService classifier,
            RulePackService rulePacks,
            RecurringService recurring,
            CorrectionRepository corrections,
            OutboxWriter outbox,
            Clock clock,
            MeterRegistry registry) {
        this.decisions = decisions;
        this.classifier = classifier;
        this.rulePacks = rulePacks;
        this.recurring = recurring;
        this.corrections = corrections;
        this.outbox = outbox;
        this.clock = clock;
        this.registry = registry;
        this.alreadyTriaged = Counter.builder("ts.triage.already-triaged")
                .description("ticket.created events skipped because the ticket already had a decision")
                .register(registry);
    }

    /**
     * What {@link #triage} did: the decision it made, whether it was stored (false: the ticket had one), and what
     * recurring-issue detection did with the ticket.
     */
    public record Outcome(TriageDecision decision, boolean stored, RecurringService.Result recurring) {}

    /**
     * Runs inside the inbox transaction (see EventInbox): no transaction of its own. The newest stored rule pack is
     * put in force first, so the decision names the pack that made it.
     */
    public Uni<Outcome> triage(EventEnvelope<?> event, TicketCreated ticket) {
        String tier = ticket.customer().tier() == null
                ? null
                : ticket.customer().tier().name();
        return rulePacks.refresh().chain(() -> {
            Classification classification = classifier.classify(
                    ticket.subject(),
                    ticket.description(),
                    tier,
                    ticket.tags() == null ? List.of() : ticket.tags(),
                    ClassifierService.Source.EVENT);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            TriageDecision decision = TriageMapper.decision(
                    ticket.ticketId(), classification, tier, now, event.id(), ticket.subject(), ticket.description());
            return decisions.insertIfAbsent(decision).chain(stored -> {
                if (!stored) {
                    LOG.infof(
                            "ticket %s already triaged; ticket.created %s changes nothing",
                            ticket.ticketId(), event.id());
                    return Uni.createFrom().item(new Outcome(decision, false, RecurringService.Result.NONE));
                }
                return outbox.append(TriageMapper.triaged(decision))
                        .chain(() -> recurring.observe(ticket, decision.category))
                        .map(result -> new Outcome(decision, true, result));
            });
        });
    }

    /** Counts an outcome once its transaction has committed (a retried transaction is counted once). */
    public void committed(Outcome outcome) {
        recurring.committed(outcome.recurring());
        if (!outcome.stored()) {
            alreadyTriaged.increment();
            return;
        }
        Counter.builder("ts.triage.decisions")
                .description("tickets triaged, by category and priority")
                .tag("category", outcome.decision().category)
                .tag("priority", outcome.decision().priority)
                .register(registry)
                .increment();
    }

    /** The decision with its corrections. */
    @WithSession
    public Uni<TriageDecisionResponse> view(UUID ticketId) {
        return decisions
                .findById(ticketId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("triage decision of ticket", ticketId))
                .chain(decision -> corrections.byTicket(ticketId).map(list -> TriageMapper.toResponse(decision, list)));
    }

    @WithSession
    public Uni<TriageDecision> find(UUID ticketId) {
        return decisions
                .findById(ticketId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("triage decision of ticket", ticketId));
    }
}
