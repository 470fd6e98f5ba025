package io.ticketsuite.reporting;

import io.ticketsuite.events.AuthorRole;
import io.ticketsuite.events.CsatSubmitted;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.NotificationDelivered;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaBreached;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.SlaEscalated;
import io.ticketsuite.events.SlaMet;
import io.ticketsuite.events.SlaStarted;
import io.ticketsuite.events.SlaWarning;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketCommentAdded;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketEscalated;
import io.ticketsuite.events.TicketReassigned;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.events.TicketReopened;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.events.TicketUpdated;
import io.ticketsuite.events.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How each event changes a ticket of the read model: plain Java, order-tolerant. A "first" instant (created,
 * triaged, assigned, first response) keeps the earliest value seen; a "latest" value (status, classification,
 * team/assignee, CSAT) is replaced only by a fact at least as recent as the one it came from; counters add one per
 * event (the kit's inbox guarantees each event is applied once).
 */
public final class ReportProjection {
    /** The SLA warning percentage from which a clock counts as at risk. */
    public static final int AT_RISK_PERCENT = 75;
    /** The ticket.updated change key carrying one time entry's minutes (issue 18). */
    public static final String TIME_LOGGED_ADDED = "time_logged_added";
    /** notification-service's channel of the in-app inbox, where every notice is delivered once. */
    static final String IN_APP = "in-app";

    private ReportProjection() {}

    /** What an application changed that the service reports as metrics. */
    public record Applied(Optional<SlaBreached> breach, Optional<Duration> assignmentLatency) {
        static final Applied NOTHING = new Applied(Optional.empty(), Optional.empty());
    }

    public static Applied apply(ReportTicket t, EventData data, Instant now) {
        boolean latencyKnown = t.createdAt != null && t.assignedAt != null;
        Optional<SlaBreached> breach = Optional.empty();
        if (data instanceof TicketCreated c) {
            t.type = c.type();
            t.channel = c.channel();
            t.tier = c.customer() == null ? null : c.customer().tier();
            t.subject = c.subject();
            t.createdAt = earliest(t.createdAt, c.createdAt());
            if (t.statusAt == null || truncate(c.createdAt()).isAfter(t.statusAt)) {
                t.status = c.status();
                t.statusAt = truncate(c.createdAt());
            }
        } else if (data instanceof TicketStatusChanged s) {
            if (t.type == null) {
                t.type = s.type();
            }
            if (t.statusAt == null || !truncate(s.changedAt()).isBefore(t.statusAt)) {
                t.status = s.to();
                t.statusAt = truncate(s.changedAt());
            }
            if (s.to() == TicketStatus.RESOLVED) {
                t.resolvedAt = latest(t.resolvedAt, s.changedAt());
            }
        } else if (data instanceof TicketReopened) {
            t.reopens++;
        } else if (data instanceof TicketUpdated u) {
            applyChanges(t, u.changes(), u.updatedAt());
        } else if (data instanceof TicketCommentAdded c) {
            if (c.authorRole() == AuthorRole.AGENT && c.visibility() == Visibility.PUBLIC) {
                t.firstResponseAt = earliest(t.firstResponseAt, c.createdAt());
                t.agentReplies++;
            }
        } else if (data instanceof TicketTriaged tr) {
            t.triagedAt = earliest(t.triagedAt, tr.triagedAt());
            classify(t, tr.category(), tr.priority(), tr.triagedAt());
        } else if (data instanceof TicketReclassified rc) {
            classify(t, rc.category(), rc.priority(), rc.reclassifiedAt());
        } else if (data instanceof TicketAssigned a) {
            t.assignedAt = earliest(t.assignedAt, a.assignedAt());
            assign(t, a.teamId(), a.agentId(), a.assignedAt());
        } else if (data instanceof TicketReassigned ra) {
            assign(t, ra.teamId(), ra.toAgentId(), ra.reassignedAt());
        } else if (data instanceof TicketEscalated) {
            t.escalations++;
        } else if (data instanceof SlaStarted s) {
            if (t.priority == null) {
                t.priority = s.priority();
            }
        } else if (data instanceof SlaWarning w) {
            t.slaWarnings++;
            if (w.thresholdPercent() >= AT_RISK_PERCENT) {
                if (w.clock() == SlaClock.RESPONSE) {
                    t.responseWarned = true;
                } else {
                    t.resolutionWarned = true;
                }
            }
        } else if (data instanceof SlaBreached b) {
            t.slaBreaches++;
            if (b.clock() == SlaClock.RESPONSE) {
                t.responseBreached = true;
            } else {
                t.resolutionBreached = true;
            }
            breach = Optional.of(b);
        } else if (data instanceof SlaEscalated) {
            t.slaEscalations++;
        } else if (data instanceof SlaMet m) {
            if (m.clock() == SlaClock.RESPONSE) {
                t.responseMetWithin = m.withinTarget();
                t.firstResponseAt = earliest(t.firstResponseAt, m.metAt());
            } else {
                t.resolutionMetWithin = m.withinTarget();
            }
        } else if (data instanceof NotificationDelivered d) {
            // one notice is one in-app delivery; its e-mail copy (channel email) is the same notice sent again
            if (!IN_APP.equals(d.channel())) {
                return Applied.NOTHING;
            }
            t.notifications++;
        } else if (data instanceof CsatSubmitted cs) {
            if (t.csatAt == null || !truncate(cs.submittedAt()).isBefore(t.csatAt)) {
                t.csatScore = cs.score();
                t.csatAt = truncate(cs.submittedAt());
            }
        } else {
            return Applied.NOTHING;
        }
        t.updatedAt = truncate(now);
        Optional<Duration> latency = !latencyKnown && t.createdAt != null && t.assignedAt != null
                ? Optional.of(Duration.between(t.createdAt, t.assignedAt))
                : Optional.empty();
        return new Applied(breach, latency);
    }

    /** ticket.updated as intake writes it: keys category, priority, team, assignee, time_logged_added. */
    private static void applyChanges(ReportTicket t, Map<String, String> changes, Instant at) {
        minutes(changes.get(TIME_LOGGED_ADDED)).ifPresent(m -> t.timeLoggedMinutes += m);
        if (changes.containsKey("category") || changes.containsKey("priority")) {
            String category = changes.getOrDefault("category", t.category);
            Priority priority = priority(changes.get("priority")).orElse(t.priority);
            classify(t, category, priority, at);
        }
        if (changes.containsKey("team") || changes.containsKey("assignee")) {
            assign(t, changes.getOrDefault("team", t.team), changes.getOrDefault("assignee", t.assignee), at);
        }
    }

    private static void classify(ReportTicket t, String category, Priority priority, Instant at) {
        if (t.classifiedAt == null || !truncate(at).isBefore(t.classifiedAt)) {
            t.category = category == null ? null : category.toLowerCase(Locale.ROOT);
            t.priority = priority;
            t.classifiedAt = truncate(at);
        }
    }

    private static void assign(ReportTicket t, String team, String assignee, Instant at) {
        if (t.assignmentAt == null || !truncate(at).isBefore(t.assignmentAt)) {
            t.team = team;
            t.assignee = assignee;
            t.assignmentAt = truncate(at);
        }
    }

    /** One time entry's minutes (intake's time_logged_added); anything not a positive number adds nothing. */
    private static Optional<Long> minutes(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            long minutes = Long.parseLong(value.trim());
            return minutes > 0 ? Optional.of(minutes) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Priority> priority(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Priority.valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Instant earliest(Instant current, Instant candidate) {
        if (candidate == null) {
            return current;
        }
        return current == null || candidate.isBefore(current) ? truncate(candidate) : current;
    }

    private static Instant latest(Instant current, Instant candidate) {
        if (candidate == null) {
            return current;
        }
        return current == null || candidate.isAfter(current) ? truncate(candidate) : current;
    }

    /** The database keeps microseconds: compare what we store with what we will read back. */
    private static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
