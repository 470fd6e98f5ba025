package io.ticketsuite.notification;

/**
 * The kinds of message this service sends, each rendered from its own pair of templates
 * ({@code templates/notification/<slug>.subject.txt} and {@code <slug>.body.txt}). A customer-facing kind gets a
 * model without any internal field.
 */
public enum NotificationKind {
    TICKET_ACKNOWLEDGED("ticket-acknowledged", RecipientRole.CUSTOMER),
    TICKET_ASSIGNED("ticket-assigned", RecipientRole.AGENT),
    SLA_WARNING_ASSIGNEE("sla-warning-assignee", RecipientRole.AGENT),
    SLA_WARNING_TEAM_LEAD("sla-warning-team-lead", RecipientRole.TEAM_LEAD),
    SLA_BREACHED_MANAGER("sla-breached-manager", RecipientRole.MANAGER),
    SLA_BREACHED_CUSTOMER("sla-breached-customer", RecipientRole.CUSTOMER),
    SLA_ESCALATED_DIRECTOR("sla-escalated-director", RecipientRole.DIRECTOR),
    TICKET_ESCALATED("ticket-escalated", RecipientRole.ESCALATION_TARGET),
    /** An escalation the matrix marks immediate: a page, not an ordinary inbox message. */
    TICKET_ESCALATED_PAGE("ticket-escalated-page", RecipientRole.ESCALATION_TARGET, Urgency.PAGE),
    TICKET_REASSIGNED("ticket-reassigned", RecipientRole.AGENT),
    TICKET_MOVED_AWAY("ticket-moved-away", RecipientRole.AGENT),
    TICKET_RESOLVED("ticket-resolved", RecipientRole.CUSTOMER),
    /** The ticket waits for the customer (status WAITING_FOR_CUSTOMER). */
    TICKET_WAITING_FOR_CUSTOMER("ticket-waiting-for-customer", RecipientRole.CUSTOMER),
    /** Staff answered the customer (a public comment by an agent). */
    TICKET_REPLIED("ticket-replied", RecipientRole.CUSTOMER);

    /** How urgently a message wants attention: {@code PAGE} is for immediate escalations. */
    public enum Urgency {
        NORMAL,
        PAGE
    }

    private final String slug;
    private final RecipientRole audience;
    private final Urgency urgency;

    NotificationKind(String slug, RecipientRole audience) {
        this(slug, audience, Urgency.NORMAL);
    }

    NotificationKind(String slug, RecipientRole audience, Urgency urgency) {
        this.slug = slug;
        this.audience = audience;
        this.urgency = urgency;
    }

    public Urgency urgency() {
        return urgency;
    }

    /** The name on the wire ({@code kind} of the inbox and of notification.delivered) and of the templates. */
    public String slug() {
        return slug;
    }

    /** The role this kind is written for (a fallback recipient of another role may still receive it). */
    public RecipientRole audience() {
        return audience;
    }

    public boolean customerFacing() {
        return audience == RecipientRole.CUSTOMER;
    }

    public static NotificationKind fromSlug(String slug) {
        for (NotificationKind kind : values()) {
            if (kind.slug.equals(slug)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown notification kind '" + slug + "'");
    }

    public String subjectTemplate() {
        return "notification/" + slug + ".subject.txt";
    }

    public String bodyTemplate() {
        return "notification/" + slug + ".body.txt";
    }
}
