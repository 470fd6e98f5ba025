package io.ticketsuite.triage.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.problem.ProblemTypes;
import io.ticketsuite.triage.repository.CorrectionRepository;
import io.ticketsuite.triage.rest.dto.CorrectionResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * People correct the machine: a correction of category and/or priority is stored beside the classifier's decision
 * (which stays as it was) and announced as {@code ticket.reclassified} through the outbox, in one transaction.
 */
@ApplicationScoped
public class ReclassificationService {
    public static final int MAX_REASON = 2000;
    private static final List<String> PRIORITIES = List.of("P1", "P2", "P3", "P4");

    private final CorrectionRepository corrections;
    private final RulePackService rulePacks;
    private final ClassifierService classifier;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final MeterRegistry registry;

    public ReclassificationService(
            CorrectionRepository corrections,
            RulePackService rulePacks,
            ClassifierService classifier,
            OutboxWriter outbox,
            Clock clock,
            MeterRegistry registry) {
        this.corrections = corrections;
        this.rulePacks = rulePacks;
        this.classifier = classifier;
        this.outbox = outbox;
        this.clock = clock;
        this.registry = registry;
    }

    /** What a person asked for, normalised: null means "leave as it is". */
    public record Request(String category, String priority, String reason) {}

    /**
     * Validates, stores and announces a correction.
     *
     * @throws ProblemException 400 naming the field, 404 for a ticket without a decision, 409 when nothing changes
     */
    @WithTransaction
    public Uni<CorrectionResponse> reclassify(UUID ticketId, Request raw, String by) {
        return rulePacks.refresh().chain(() -> {
            Request request = validate(raw, classifier.active().compiled().categories());
            return corrections.lockInForce(ticketId).chain(inForce -> {
                if (inForce == null) {
                    throw ProblemException.notFound("triage decision of ticket", ticketId);
                }
                String category = request.category() == null ? inForce.category() : request.category();
                String priority = request.priority() == null ? inForce.priority() : request.priority();
                if (category.equals(inForce.category()) && priority.equals(inForce.priority())) {
                    throw new ProblemException(
                            409,
                            ProblemTypes.of("no-change"),
                            "Nothing to change",
                            "ticket " + ticketId + " is already " + category + " " + priority,
                            null,
                            Map.of("category", category, "priority", priority));
                }
                CorrectionResponse correction = new CorrectionResponse(
                        UUID.randomUUID(),
                        ticketId,
                        inForce.category(),
                        category,
                        inForce.priority(),
                        priority,
                        request.reason(),
                        by,
                        clock.instant().truncatedTo(ChronoUnit.MICROS));
                return corrections
                        .insert(correction)
                        .chain(() -> outbox.append(event(correction)))
                        .replaceWith(correction);
            });
        });
    }

    /** Counts a committed correction. */
    public void committed(CorrectionResponse correction) {
        Counter.builder("ts.triage.reclassifications")
                .description("triage decisions corrected by people, by whether the category changed")
                .tag("category_changed", String.valueOf(!correction.category().equals(correction.previousCategory())))
                .register(registry)
                .increment();
    }

    @WithSession
    public Uni<List<CorrectionResponse>> byTicket(UUID ticketId) {
        return corrections.byTicket(ticketId);
    }

    @WithSession
    public Uni<List<CorrectionRepository.Labelled>> labelled(int offset, int limit) {
        return corrections.labelled(offset, limit);
    }

    static TicketReclassified event(CorrectionResponse c) {
        return new TicketReclassified(
                c.ticketId(),
                c.previousCategory(),
                c.category(),
                Priority.valueOf(c.previousPriority()),
                Priority.valueOf(c.priority()),
                c.reason(),
                c.correctedAt(),
                c.correctedBy());
    }

    static Request validate(Request raw, List<String> categories) {
        if (raw == null) {
            throw ProblemException.validation(List.of(new Problem.FieldError("body", "a JSON body is required")));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        String category = blankToNull(raw.category());
        String priority = blankToNull(raw.priority());
        String reason = blankToNull(raw.reason());
        if (category == null && priority == null) {
            errors.add(new Problem.FieldError("category", "category or priority is required"));
            errors.add(new Problem.FieldError("priority", "category or priority is required"));
        }
        if (category != null) {
            category = category.toLowerCase(Locale.ROOT);
            if (!categories.contains(category)) {
                errors.add(new Problem.FieldError(
                        "category", "unknown category; the rule pack in force has " + String.join(", ", categories)));
            }
        }
        if (priority != null) {
            priority = priority.toUpperCase(Locale.ROOT);
            if (!PRIORITIES.contains(priority)) {
                errors.add(new Problem.FieldError("priority", "must be one of P1, P2, P3, P4"));
            }
        }
        if (reason == null) {
            errors.add(new Problem.FieldError("reason", "a reason is required"));
        } else if (reason.length() > MAX_REASON) {
            errors.add(new Problem.FieldError("reason", "at most " + MAX_REASON + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new Request(category, priority, reason);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
