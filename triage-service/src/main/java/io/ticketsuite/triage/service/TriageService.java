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
import io.ticketsuite.triage.repository.TriageDecisionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    private final OutboxWriter outbox;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Counter alreadyTriaged;

    public TriageService(
            TriageDecisionRepository decisions,
            ClassifierService classifier,
            OutboxWriter outbox,
            Clock clock,
            MeterRegistry registry) {
        this.decisions = decisions;
        this.classifier = classifier;
        this.outbox = outbox;
        this.clock = clock;
        this.registry = registry;
        this.alreadyTriaged = Counter.builder("ts.triage.already-triaged")
                .description("ticket.created events skipped because the ticket already had a decision")
                .register(registry);
    }

    /** What {@link #triage} did: the decision it made, and whether it was stored (false: the ticket had one). */
    public record Outcome(TriageDecision decision, boolean stored) {}

    /** Runs inside the inbox transaction (see EventInbox): no transaction of its own. */
    public Uni<Outcome> triage(EventEnvelope<?> event, TicketCreated ticket) {
        String tier = ticket.customer().tier() == null
                ? null
                : ticket.customer().tier().name();
        Classification classification =
                classifier.classify(ticket.subject(), ticket.description(), tier, ClassifierService.Source.EVENT);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        TriageDecision decision = TriageMapper.decision(ticket.ticketId(), classification, tier, now, event.id());
        return decisions.insertIfAbsent(decision).chain(stored -> {
            if (!stored) {
                LOG.infof(
                        "ticket %s already triaged; ticket.created %s changes nothing", ticket.ticketId(), event.id());
                return Uni.createFrom().item(new Outcome(decision, false));
            }
            return outbox.append(TriageMapper.triaged(decision)).replaceWith(new Outcome(decision, true));
        });
    }

    /** Counts an outcome once its transaction has committed (a retried transaction is counted once). */
    public void committed(Outcome outcome) {
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

    @WithSession
    public Uni<TriageDecision> find(UUID ticketId) {
        return decisions
                .findById(ticketId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("triage decision of ticket", ticketId));
    }
}
