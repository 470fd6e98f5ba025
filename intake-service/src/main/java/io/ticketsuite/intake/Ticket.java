package io.ticketsuite.intake;

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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A support ticket as intake owns it. */
@Entity
@Table(name = "ticket")
public class Ticket {
    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public TicketType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TicketStatus status;

    @Column(nullable = false)
    public String subject;

    public String description;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(name = "customer_email")
    public String customerEmail;

    @Enumerated(EnumType.STRING)
    @Column(name = "customer_tier", nullable = false)
    public CustomerTier customerTier;

    @Column(name = "customer_language")
    public String customerLanguage;

    @Column(name = "customer_time_zone")
    public String customerTimeZone;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> tags = new ArrayList<>();

    @Column(name = "external_id")
    public String externalId;

    public String category;

    @Enumerated(EnumType.STRING)
    public Priority priority;

    @Column(name = "team_id")
    public String teamId;

    @Column(name = "assignee_id")
    public String assigneeId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    /** SUPPORT details as JSON ({@code SupportDetails} of the contract); null for other types. */
    @Column(name = "support_details", updatable = false)
    public String supportDetails;

    /** ESCALATION details as JSON ({@code EscalationDetails} of the contract); null for other types. */
    @Column(name = "escalation_details", updatable = false)
    public String escalationDetails;

    /** The closed ticket this one follows up, if any. */
    @Column(name = "follows_up", updatable = false)
    public UUID followsUp;

    /** The classifier's category and priority (ticket.triaged), kept when a person reclassifies. */
    @Column(name = "classified_category")
    public String classifiedCategory;

    @Enumerated(EnumType.STRING)
    @Column(name = "classified_priority")
    public Priority classifiedPriority;

    @Column(name = "reclassified_by")
    public String reclassifiedBy;

    @Column(name = "reclassified_at")
    public Instant reclassifiedAt;

    @Column(name = "reclassification_reason")
    public String reclassificationReason;

    @Column(name = "scheduled_for")
    public LocalDate scheduledFor;

    @Column(name = "estimate_minutes")
    public Integer estimateMinutes;

    @Column(name = "time_logged_minutes", nullable = false)
    public int timeLoggedMinutes;

    @Column(name = "resolution_category")
    public String resolutionCategory;

    @Column(name = "resolution_summary")
    public String resolutionSummary;

    @Column(name = "lessons_learned")
    public String lessonsLearned;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** The short human reference ({@code TS-1042}), unique, from the {@code ticket_ref_seq} sequence. */
    @Column(nullable = false, updatable = false)
    public String ref;

    /** Attachments of the emails that made or continued the ticket, as JSON {@code [{name, type, size}]}. */
    public String attachments;
}
