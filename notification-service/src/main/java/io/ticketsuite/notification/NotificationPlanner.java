package io.ticketsuite.notification;

import io.ticketsuite.events.AuthorRole;
import io.ticketsuite.events.EscalationTarget;
import io.ticketsuite.events.EventType;
import io.ticketsuite.events.SlaThresholdReached;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketCommentAdded;
import io.ticketsuite.events.TicketEscalated;
import io.ticketsuite.events.TicketReassigned;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.Visibility;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides who is told what: pure logic, no I/O. Customer messages get a model of customer-safe fields only
 * ({@link #CUSTOMER_FIELDS}); staff messages also carry priority, team, clock and due time. Staff are taken from the
 * event (assignee, team lead) and from the directory (team lead, manager, director of the team, else the default
 * ones); when a level has nobody, the message goes one level up instead of nowhere (if enabled).
 */
public final class NotificationPlanner {
    /** Every field a customer template may use. Nothing internal: no team, priority, staff or SLA internals. */
    public static final List<String> CUSTOMER_FIELDS =
            List.of("ticket_id", "subject", "support_name", "resolution_summary", "reply");

    private final String supportName;
    private final boolean fallbackUp;

    public NotificationPlanner(String supportName, boolean fallbackUp) {
        this.supportName = supportName;
        this.fallbackUp = fallbackUp;
    }

    /** The result of an SLA threshold: staff (and customer) messages, and whether a customer message must wait. */
    public record ThresholdPlan(List<PlannedNotification> notifications, boolean parkCustomerNotice) {}

    /** ticket.created: acknowledge the customer, unless the ticket is internal or has nobody to address. */
    public Optional<PlannedNotification> acknowledgement(TicketInfo ticket) {
        return customerMessage(ticket, NotificationKind.TICKET_ACKNOWLEDGED);
    }

    /** A breach, told to the customer (right away, or once ticket.created revealed who the customer is). */
    public Optional<PlannedNotification> customerBreach(TicketInfo ticket) {
        return customerMessage(ticket, NotificationKind.SLA_BREACHED_CUSTOMER);
    }

    /** ticket.assigned: tell the agent (an assignment to a team without an agent tells nobody). */
    public Optional<PlannedNotification> assignment(
            TicketAssigned assigned, TicketInfo ticket, List<StaffMember> directory) {
        String recipient = blankToNull(assigned.agentId());
        if (recipient == null) {
            return Optional.empty();
        }
        Map<String, Object> model = staffModel(assigned.ticketId().toString(), ticket);
        model.put("recipient_name", nameOf(recipient, directory, assigned.agentName()));
        model.put("team", orDash(firstNonBlank(assigned.teamName(), assigned.teamId())));
        model.put("rule", orDash(assigned.rule()));
        model.put("reason", orDash(assigned.reason()));
        model.put("assigned_at", format(assigned.assignedAt()));
        return Optional.of(
                new PlannedNotification(recipient, RecipientRole.AGENT, NotificationKind.TICKET_ASSIGNED, model));
    }

    /**
     * ticket.escalated: every target routing resolved (once per staff id, their roles joined), as a page when the
     * escalation is immediate. An escalation without targets (an older event) tells nobody.
     */
    public List<PlannedNotification> escalation(
            TicketEscalated escalated, TicketInfo ticket, List<StaffMember> directory) {
        Map<String, List<EscalationTarget>> byStaff = new LinkedHashMap<>();
        for (EscalationTarget target : escalated.targets()) {
            String id = target == null ? null : blankToNull(target.staffId());
            if (id != null) {
                byStaff.computeIfAbsent(id, k -> new ArrayList<>()).add(target);
            }
        }
        NotificationKind kind =
                escalated.immediate() ? NotificationKind.TICKET_ESCALATED_PAGE : NotificationKind.TICKET_ESCALATED;
        List<PlannedNotification> out = new ArrayList<>();
        byStaff.forEach((id, targets) -> {
            Map<String, Object> model = staffModel(escalated.ticketId().toString(), ticket);
            String name = targets.stream()
                    .map(EscalationTarget::name)
                    .filter(n -> blankToNull(n) != null)
                    .findFirst()
                    .orElse(null);
            model.put("recipient_name", nameOf(id, directory, name));
            model.put(
                    "target_role",
                    orDash(String.join(
                            ", ",
                            targets.stream()
                                    .map(EscalationTarget::role)
                                    .filter(r -> blankToNull(r) != null)
                                    .distinct()
                                    .toList())));
            model.put("level", orDash(escalated.level()));
            model.put("rule", orDash(escalated.rule()));
            model.put("reason", orDash(escalated.reason()));
            model.put("team", orDash(escalated.teamId()));
            model.put("escalated_at", format(escalated.escalatedAt()));
            model.put("acknowledge_by", format(escalated.acknowledgeBy()));
            model.put(
                    "escalation_id",
                    escalated.escalationId() == null
                            ? "-"
                            : escalated.escalationId().toString());
            out.add(new PlannedNotification(id, RecipientRole.ESCALATION_TARGET, kind, model));
        });
        return out;
    }

    /**
     * ticket.reassigned: the new agent is told it is theirs now, the previous agent that it moved away (nobody when
     * the agent did not change, or for a team-only move without an agent).
     */
    public List<PlannedNotification> reassignment(
            TicketReassigned reassigned, TicketInfo ticket, List<StaffMember> directory) {
        String to = blankToNull(reassigned.toAgentId());
        String from = blankToNull(reassigned.fromAgentId());
        List<PlannedNotification> out = new ArrayList<>();
        if (to != null) {
            out.add(reassignmentTo(to, NotificationKind.TICKET_REASSIGNED, reassigned, ticket, directory, from, to));
        }
        if (from != null && !from.equals(to)) {
            out.add(reassignmentTo(from, NotificationKind.TICKET_MOVED_AWAY, reassigned, ticket, directory, from, to));
        }
        return out;
    }

    private static PlannedNotification reassignmentTo(
            String recipient,
            NotificationKind kind,
            TicketReassigned reassigned,
            TicketInfo ticket,
            List<StaffMember> directory,
            String from,
            String to) {
        Map<String, Object> model = staffModel(reassigned.ticketId().toString(), ticket);
        model.put("recipient_name", nameOf(recipient, directory, null));
        model.put("to_agent", orDash(to == null ? null : nameOf(to, directory, null)));
        model.put("from_agent", orDash(from == null ? null : nameOf(from, directory, null)));
        model.put("team", orDash(reassigned.teamId()));
        model.put("from_team", orDash(reassigned.fromTeamId()));
        model.put("tier", orDash(reassigned.tier()));
        model.put("reason", orDash(reassigned.reason()));
        model.put("reassigned_by", orDash(reassigned.reassignedBy()));
        model.put("reassigned_at", format(reassigned.reassignedAt()));
        return new PlannedNotification(recipient, RecipientRole.AGENT, kind, model);
    }

    /**
     * ticket.status-changed to RESOLVED: tell the customer, with the resolution summary when the event carries one
     * (never for an internal ticket; nothing for any other status).
     */
    public Optional<PlannedNotification> resolved(TicketStatusChanged changed, TicketInfo ticket) {
        if (changed.to() != TicketStatus.RESOLVED) {
            return Optional.empty();
        }
        String summary = changed.resolution() == null
                ? null
                : blankToNull(changed.resolution().summary());
        return customerMessage(ticket, NotificationKind.TICKET_RESOLVED).map(planned -> {
            planned.model().put("resolution_summary", summary == null ? "" : summary);
            return planned;
        });
    }

    /**
     * ticket.status-changed to WAITING_FOR_CUSTOMER: tell the customer the request waits for them (never for an
     * internal ticket; nothing for any other status).
     */
    public Optional<PlannedNotification> waitingForCustomer(TicketStatusChanged changed, TicketInfo ticket) {
        if (changed.to() != TicketStatus.WAITING_FOR_CUSTOMER) {
            return Optional.empty();
        }
        return customerMessage(ticket, NotificationKind.TICKET_WAITING_FOR_CUSTOMER);
    }

    /**
     * ticket.comment-added: a public comment by staff is a reply the customer is told about, with its text (it is
     * public: the customer sees it on the ticket anyway). Internal notes and the customer's own comments tell nobody.
     */
    public Optional<PlannedNotification> reply(TicketCommentAdded comment, TicketInfo ticket) {
        if (comment.authorRole() != AuthorRole.AGENT || comment.visibility() != Visibility.PUBLIC) {
            return Optional.empty();
        }
        String text = blankToNull(comment.body());
        if (text == null) {
            return Optional.empty();
        }
        return customerMessage(ticket, NotificationKind.TICKET_REPLIED).map(planned -> {
            planned.model().put("reply", text);
            return planned;
        });
    }

    /**
     * sla.warning / sla.breached / sla.escalated: the staff of the event's level, and on a breach the customer too
     * (parked when the ticket is not known yet; never for an internal ticket).
     */
    public ThresholdPlan threshold(
            EventType type, SlaThresholdReached event, TicketInfo ticket, List<StaffMember> directory) {
        SlaLevel level = SlaLevel.of(type, event.thresholdPercent());
        List<PlannedNotification> out = new ArrayList<>();
        for (Recipient r : staffFor(level, event, directory)) {
            Map<String, Object> model = staffModel(event.ticketId().toString(), ticket);
            model.put("recipient_name", nameOf(r.id(), directory, null));
            model.put("priority", event.priority().name());
            model.put("clock", event.clock().name().toLowerCase(Locale.ROOT));
            model.put("threshold", level.percentOf(event.thresholdPercent()));
            model.put("due_at", format(event.dueAt()));
            model.put("fired_at", format(event.firedAt()));
            model.put("team", orDash(event.teamId()));
            model.put("assignee", orDash(nameOrId(event.assigneeId(), directory)));
            model.put("team_lead", orDash(nameOrId(event.teamLeadId(), directory)));
            out.add(new PlannedNotification(r.id(), r.role(), kindFor(level), model));
        }
        boolean park = false;
        if (level == SlaLevel.MANAGER) {
            if (ticket == null) {
                park = true;
            } else {
                customerBreach(ticket).ifPresent(out::add);
            }
        }
        return new ThresholdPlan(out, park);
    }

    /** The staff of a level, with the fallback one level up when nobody holds it. */
    List<Recipient> staffFor(SlaLevel level, SlaThresholdReached event, List<StaffMember> directory) {
        List<Recipient> found = new ArrayList<>();
        switch (level) {
            case ASSIGNEE -> {
                if (blankToNull(event.assigneeId()) != null) {
                    found.add(new Recipient(event.assigneeId().trim(), RecipientRole.AGENT));
                }
            }
            case TEAM_LEAD -> {
                if (blankToNull(event.teamLeadId()) != null) {
                    found.add(new Recipient(event.teamLeadId().trim(), RecipientRole.TEAM_LEAD));
                } else {
                    pick(directory, RecipientRole.TEAM_LEAD, event.teamId(), false)
                            .forEach(s -> found.add(new Recipient(s.id(), RecipientRole.TEAM_LEAD)));
                }
            }
            case MANAGER ->
                pick(directory, RecipientRole.MANAGER, event.teamId(), true)
                        .forEach(s -> found.add(new Recipient(s.id(), RecipientRole.MANAGER)));
            case DIRECTOR ->
                pick(directory, RecipientRole.DIRECTOR, event.teamId(), true)
                        .forEach(s -> found.add(new Recipient(s.id(), RecipientRole.DIRECTOR)));
        }
        if (found.isEmpty() && fallbackUp && level != SlaLevel.DIRECTOR) {
            return staffFor(SlaLevel.values()[level.ordinal() + 1], event, directory);
        }
        return found;
    }

    /** A staff recipient with the role they are told in. */
    record Recipient(String id, RecipientRole role) {}

    /**
     * The directory entries of a role for a team; when the team has none, the default entries (team NULL) if
     * {@code withDefault}. Sorted by id, deduplicated, so the result is stable.
     */
    static List<StaffMember> pick(List<StaffMember> directory, RecipientRole role, String teamId, boolean withDefault) {
        List<StaffMember> ofTeam = directory.stream()
                .filter(s -> s.role() == role && teamId != null && teamId.equals(s.teamId()))
                .sorted(Comparator.comparing(StaffMember::id))
                .toList();
        if (!ofTeam.isEmpty() || !withDefault) {
            return distinct(ofTeam);
        }
        return distinct(directory.stream()
                .filter(s -> s.role() == role && s.teamId() == null)
                .sorted(Comparator.comparing(StaffMember::id))
                .toList());
    }

    private static List<StaffMember> distinct(List<StaffMember> members) {
        List<StaffMember> out = new ArrayList<>();
        for (StaffMember m : members) {
            if (out.stream().noneMatch(o -> o.id().equals(m.id()))) {
                out.add(m);
            }
        }
        return out;
    }

    private static NotificationKind kindFor(SlaLevel level) {
        return switch (level) {
            case ASSIGNEE -> NotificationKind.SLA_WARNING_ASSIGNEE;
            case TEAM_LEAD -> NotificationKind.SLA_WARNING_TEAM_LEAD;
            case MANAGER -> NotificationKind.SLA_BREACHED_MANAGER;
            case DIRECTOR -> NotificationKind.SLA_ESCALATED_DIRECTOR;
        };
    }

    private Optional<PlannedNotification> customerMessage(TicketInfo ticket, NotificationKind kind) {
        if (ticket == null || ticket.internal()) {
            return Optional.empty();
        }
        return ticket.customerAddress().map(address -> {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("ticket_id", ticket.ticketId().toString());
            model.put("subject", orDash(ticket.subject()));
            model.put("support_name", supportName);
            return new PlannedNotification(address, RecipientRole.CUSTOMER, kind, model);
        });
    }

    private static Map<String, Object> staffModel(String ticketId, TicketInfo ticket) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("ticket_id", ticketId);
        model.put("subject", ticket != null && ticket.subject() != null ? ticket.subject() : "ticket " + ticketId);
        model.put(
                "ticket_type",
                ticket != null && ticket.type() != null ? ticket.type().name() : "-");
        return model;
    }

    private static String nameOf(String id, List<StaffMember> directory, String fromEvent) {
        return directory.stream()
                .filter(s -> s.id().equals(id))
                .map(StaffMember::name)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(blankToNull(fromEvent) != null ? fromEvent : id);
    }

    private static String nameOrId(String id, List<StaffMember> directory) {
        return blankToNull(id) == null ? null : nameOf(id, directory, null);
    }

    private static String format(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String orDash(String value) {
        return blankToNull(value) == null ? "-" : value;
    }

    private static String firstNonBlank(String a, String b) {
        return blankToNull(a) != null ? a.trim() : blankToNull(b);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
