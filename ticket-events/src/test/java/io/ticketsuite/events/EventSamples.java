package io.ticketsuite.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One hand-filled instance of every event type, every field set. */
final class EventSamples {
    static final UUID TICKET = UUID.fromString("0b7c6f1e-52f5-4c2e-9d55-3a1f0f1b2c3d");
    static final Instant T = Instant.parse("2026-11-26T10:15:30.123Z");

    static List<EventData> all() {
        return List.of(
                new TicketCreated(
                        TICKET,
                        TicketType.SUPPORT,
                        Channel.EMAIL,
                        "Charged twice",
                        "My invoice shows two charges",
                        new Customer("c-1", "ann@example.com", CustomerTier.ENTERPRISE, "en", "Europe/Berlin"),
                        List.of("vip"),
                        "ext-1",
                        TicketStatus.NEW,
                        T),
                new TicketUpdated(TICKET, Map.of("category", "billing", "priority", "P2"), T),
                new TicketStatusChanged(
                        TICKET,
                        TicketType.SUPPORT,
                        TicketStatus.RESOLVED,
                        TicketStatus.REOPENED,
                        "still broken",
                        "cust-c-1",
                        "CUSTOMER",
                        T),
                new TicketCommentAdded(
                        TICKET, UUID.randomUUID(), "agent-7", AuthorRole.AGENT, Visibility.PUBLIC, "On it", T),
                new TicketReopened(TICKET, "still broken", T),
                new TicketEscalationRequested(TICKET, "delivery delay", "lead-1", T),
                new TicketTriaged(
                        TICKET,
                        "billing",
                        Priority.P2,
                        0.83,
                        Map.of("matched", List.of("invoice", "charge"), "rule", "HIGH x MEDIUM"),
                        "1.0.0",
                        T),
                new TicketReclassified(TICKET, "technical", "billing", Priority.P3, Priority.P2, "agent", T),
                new IssueRecurringDetected(TICKET, "login-sso", List.of(UUID.randomUUID()), 3, T),
                new TicketAssigned(
                        TICKET,
                        "billing",
                        "Billing",
                        "agent-7",
                        "Ada",
                        "lead-billing",
                        "billing",
                        "category billing",
                        T),
                new TicketReassigned(TICKET, "agent-7", "agent-8", "billing", "capacity", T),
                new TicketEscalated(TICKET, "tier-2", "eng-t2", "breach", T),
                new SlaStarted(TICKET, Priority.P1, T, T.plusSeconds(900), T.plusSeconds(14_400)),
                new SlaPaused(TICKET, "waiting for customer", T),
                new SlaResumed(TICKET, T, T.plusSeconds(900), T.plusSeconds(14_400)),
                new SlaWarning(
                        TICKET,
                        SlaClock.RESPONSE,
                        50,
                        Priority.P1,
                        T.plusSeconds(900),
                        "agent-7",
                        "billing",
                        "lead-billing",
                        T),
                new SlaBreached(
                        TICKET, SlaClock.RESOLUTION, 100, Priority.P2, T, "agent-7", "billing", "lead-billing", T),
                new SlaEscalated(
                        TICKET, SlaClock.RESOLUTION, 125, Priority.P2, T, "agent-7", "billing", "lead-billing", T),
                new SlaMet(TICKET, SlaClock.RESPONSE, T.plusSeconds(900), T, true),
                new NotificationDelivered(
                        TICKET,
                        UUID.randomUUID(),
                        "ann@example.com",
                        "customer",
                        "in-app",
                        "ticket-acknowledged",
                        UUID.randomUUID(),
                        T),
                new NotificationFailed(
                        TICKET, UUID.randomUUID(), "ann@example.com", "email", "ticket-acknowledged", "bounce", T),
                new CsatSubmitted(TICKET, 5, "great", T));
    }

    private EventSamples() {}
}
