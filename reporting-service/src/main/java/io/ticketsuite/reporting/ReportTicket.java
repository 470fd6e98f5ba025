package io.ticketsuite.reporting;

import io.ticketsuite.events.Channel;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One ticket of the read model, as the events told it. Any column may still be null: the event that sets it may not
 * have arrived yet. {@link ReportProjection} decides how each event changes it.
 */
@Entity
@Table(name = "report_ticket")
public class ReportTicket {
    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;

    @Enumerated(EnumType.STRING)
    public TicketType type;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    @Enumerated(EnumType.STRING)
    public CustomerTier tier;

    @Column(name = "created_at")
    public Instant createdAt;

    @Enumerated(EnumType.STRING)
    public TicketStatus status;

    @Column(name = "status_at")
    public Instant statusAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    public int reopens;

    public String subject;

    /** Public replies by an agent (ticket.comment-added): first-contact resolution allows at most one. */
    @Column(name = "agent_replies")
    public int agentReplies;

    /** Sum of the time entries logged on the ticket (ticket.updated time_logged_added), minutes. */
    @Column(name = "time_logged_minutes")
    public long timeLoggedMinutes;

    public String category;

    @Enumerated(EnumType.STRING)
    public Priority priority;

    @Column(name = "classified_at")
    public Instant classifiedAt;

    @Column(name = "triaged_at")
    public Instant triagedAt;

    public String team;

    public String assignee;

    @Column(name = "assignment_at")
    public Instant assignmentAt;

    @Column(name = "assigned_at")
    public Instant assignedAt;

    public int escalations;

    @Column(name = "first_response_at")
    public Instant firstResponseAt;

    @Column(name = "sla_warnings")
    public int slaWarnings;

    @Column(name = "sla_breaches")
    public int slaBreaches;

    @Column(name = "sla_escalations")
    public int slaEscalations;

    @Column(name = "response_warned")
    public boolean responseWarned;

    @Column(name = "resolution_warned")
    public boolean resolutionWarned;

    @Column(name = "response_breached")
    public boolean responseBreached;

    @Column(name = "resolution_breached")
    public boolean resolutionBreached;

    @Column(name = "response_met_within")
    public Boolean responseMetWithin;

    @Column(name = "resolution_met_within")
    public Boolean resolutionMetWithin;

    public int notifications;

    @Column(name = "csat_score")
    public Integer csatScore;

    @Column(name = "csat_at")
    public Instant csatAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static ReportTicket of(UUID ticketId) {
        ReportTicket t = new ReportTicket();
        t.ticketId = ticketId;
        return t;
    }
}
