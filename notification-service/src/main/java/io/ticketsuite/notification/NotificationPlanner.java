package io.ticketsuite.notification;

import io.ticketsuite.events.EventType;
import io.ticketsuite.events.SlaThresholdReached;
import io.ticketsuite.events.TicketAssigned;
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
    public static final List<String> CUSTOMER_FIELDS = List.of("ticket_id", "subject", "support_name");

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
