package io.ticketsuite.intake;

import static io.ticketsuite.events.TicketStatus.ACCEPTED;
import static io.ticketsuite.events.TicketStatus.ASSIGNED;
import static io.ticketsuite.events.TicketStatus.AWAITING_REVIEW;
import static io.ticketsuite.events.TicketStatus.CLOSED;
import static io.ticketsuite.events.TicketStatus.IN_PROGRESS;
import static io.ticketsuite.events.TicketStatus.NEW;
import static io.ticketsuite.events.TicketStatus.REOPENED;
import static io.ticketsuite.events.TicketStatus.RESOLVED;
import static io.ticketsuite.events.TicketStatus.SCHEDULED;
import static io.ticketsuite.events.TicketStatus.TRIAGED;
import static io.ticketsuite.events.TicketStatus.WAITING_FOR_CUSTOMER;
import static io.ticketsuite.events.TicketStatus.WAITING_FOR_THIRD_PARTY;

import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The legal status transitions of each ticket type. SUPPORT and ESCALATION follow the full workflow; SUPPORT adds
 * its work states SCHEDULED (planned with an estimate and a date) and AWAITING_REVIEW (fix done, being verified); a
 * QUESTION only needs an answer (New → Accepted → Resolved). Resolved or Closed → Reopened is allowed within the
 * reopen window (after it, a customer who writes again gets a follow-up ticket instead).
 */
public final class TicketLifecycle {
    private static final Map<TicketStatus, Set<TicketStatus>> SUPPORT = new EnumMap<>(TicketStatus.class);
    private static final Map<TicketStatus, Set<TicketStatus>> FULL = new EnumMap<>(TicketStatus.class);
    private static final Map<TicketStatus, Set<TicketStatus>> QUESTION = new EnumMap<>(TicketStatus.class);

    static {
        FULL.put(NEW, EnumSet.of(TRIAGED, ASSIGNED, CLOSED));
        FULL.put(TRIAGED, EnumSet.of(ASSIGNED, CLOSED));
        FULL.put(ASSIGNED, EnumSet.of(IN_PROGRESS, WAITING_FOR_CUSTOMER, WAITING_FOR_THIRD_PARTY, RESOLVED));
        FULL.put(IN_PROGRESS, EnumSet.of(WAITING_FOR_CUSTOMER, WAITING_FOR_THIRD_PARTY, RESOLVED));
        FULL.put(WAITING_FOR_CUSTOMER, EnumSet.of(IN_PROGRESS, RESOLVED, CLOSED));
        FULL.put(WAITING_FOR_THIRD_PARTY, EnumSet.of(IN_PROGRESS, RESOLVED));
        FULL.put(RESOLVED, EnumSet.of(CLOSED, REOPENED));
        FULL.put(REOPENED, EnumSet.of(ASSIGNED, IN_PROGRESS, RESOLVED));
        FULL.put(CLOSED, EnumSet.of(REOPENED));

        FULL.forEach((from, to) -> SUPPORT.put(from, EnumSet.copyOf(to)));
        SUPPORT.get(ASSIGNED).add(SCHEDULED);
        SUPPORT.get(IN_PROGRESS).addAll(EnumSet.of(SCHEDULED, AWAITING_REVIEW));
        SUPPORT.get(REOPENED).add(SCHEDULED);
        SUPPORT.put(SCHEDULED, EnumSet.of(IN_PROGRESS, WAITING_FOR_CUSTOMER, WAITING_FOR_THIRD_PARTY));
        SUPPORT.put(AWAITING_REVIEW, EnumSet.of(RESOLVED, IN_PROGRESS));

        QUESTION.put(NEW, EnumSet.of(ACCEPTED, CLOSED));
        QUESTION.put(ACCEPTED, EnumSet.of(RESOLVED));
        QUESTION.put(RESOLVED, EnumSet.of(CLOSED, REOPENED));
        QUESTION.put(REOPENED, EnumSet.of(ACCEPTED, RESOLVED));
        QUESTION.put(CLOSED, EnumSet.of(REOPENED));
    }

    private TicketLifecycle() {}

    /** The statuses a ticket of this type may move to from {@code from}. */
    public static Set<TicketStatus> allowed(TicketType type, TicketStatus from) {
        Set<TicketStatus> next = table(type).get(from);
        return next == null ? Set.of() : Set.copyOf(next);
    }

    public static boolean isStatusOf(TicketType type, TicketStatus status) {
        return table(type).containsKey(status);
    }

    /**
     * Why the transition is refused, or empty when it is legal.
     *
     * @param resolvedAt when the ticket was last resolved (for the reopen window), may be null
     */
    public static Optional<String> refusal(
            TicketType type,
            TicketStatus from,
            TicketStatus to,
            Instant resolvedAt,
            Instant now,
            Duration reopenWindow) {
        if (!allowed(type, from).contains(to)) {
            return Optional.of("a " + type + " ticket cannot go from " + from + " to " + to);
        }
        if (to == REOPENED && !withinReopenWindow(resolvedAt, now, reopenWindow)) {
            return Optional.of("the reopen window of " + reopenWindow.toDays() + " days after resolution has passed");
        }
        return Optional.empty();
    }

    /** Whether a ticket resolved at {@code resolvedAt} may still be reopened at {@code now}. */
    public static boolean withinReopenWindow(Instant resolvedAt, Instant now, Duration reopenWindow) {
        return resolvedAt == null || !now.isAfter(resolvedAt.plus(reopenWindow));
    }

    /** The status an assignment moves a ticket to, if it moves it at all. */
    public static Optional<TicketStatus> onAssigned(TicketType type, TicketStatus from) {
        TicketStatus target = type == TicketType.QUESTION ? ACCEPTED : ASSIGNED;
        return allowed(type, from).contains(target) ? Optional.of(target) : Optional.empty();
    }

    /** The status a triage decision moves a ticket to, if it moves it at all. */
    public static Optional<TicketStatus> onTriaged(TicketType type, TicketStatus from) {
        return allowed(type, from).contains(TRIAGED) ? Optional.of(TRIAGED) : Optional.empty();
    }

    private static Map<TicketStatus, Set<TicketStatus>> table(TicketType type) {
        return switch (type) {
            case QUESTION -> QUESTION;
            case SUPPORT -> SUPPORT;
            case ESCALATION -> FULL;
        };
    }
}
