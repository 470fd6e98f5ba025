package io.ticketsuite.notification;

import io.ticketsuite.events.EventType;

/**
 * The escalation ladder of an SLA clock (ARCHITECTURE.md): at 50 % of the target the assignee is warned, at 75 %
 * the team lead, at 100 % (breach) the manager and the customer, at 125 % the director.
 */
public enum SlaLevel {
    ASSIGNEE(50),
    TEAM_LEAD(75),
    MANAGER(100),
    DIRECTOR(125);

    private final int percent;

    SlaLevel(int percent) {
        this.percent = percent;
    }

    public int percent() {
        return percent;
    }

    /**
     * The level of a threshold event: {@code sla.breached} is always the manager's, {@code sla.escalated} the
     * director's; a {@code sla.warning} goes by its percentage (below 75 → assignee, else team lead; a warning
     * without a percentage counts as the first one).
     */
    public static SlaLevel of(EventType type, int thresholdPercent) {
        return switch (type) {
            case SLA_BREACHED -> MANAGER;
            case SLA_ESCALATED -> DIRECTOR;
            case SLA_WARNING -> thresholdPercent >= TEAM_LEAD.percent ? TEAM_LEAD : ASSIGNEE;
            default -> throw new IllegalArgumentException(type.ceType() + " is not an SLA threshold event");
        };
    }

    /** The percentage to show: the event's own, or the level's when the event carries none. */
    public int percentOf(int thresholdPercent) {
        return thresholdPercent > 0 ? thresholdPercent : percent;
    }
}
