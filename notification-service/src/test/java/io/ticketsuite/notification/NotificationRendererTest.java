package io.ticketsuite.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.qute.Engine;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.Variant;
import io.ticketsuite.events.EventType;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaBreached;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.SlaEscalated;
import io.ticketsuite.events.SlaWarning;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketType;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The real template files, rendered by a plain Qute engine (strict, like the application's). */
class NotificationRendererTest {
    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
    private static final UUID TICKET = UUID.fromString("6f1c0e1a-8a3b-4c55-9d0e-2b7f4d0c9a11");
    private static final List<StaffMember> DIRECTORY = List.of(
            new StaffMember("mgr-security", "Sam Adeyemi", RecipientRole.MANAGER, "security"),
            new StaffMember("dir-support", "Dana Okafor", RecipientRole.DIRECTOR, null));
    private static final TicketInfo TICKET_INFO =
            new TicketInfo(TICKET, TicketType.SUPPORT, "Cannot log in since Monday", "cust-9", "bo@example.com");
    /** Values that are internal to support and must never reach a customer. */
    private static final List<String> INTERNAL_VALUES = List.of(
            "P1",
            "security",
            "agent-7",
            "Sam Adeyemi",
            "lead-sec",
            "mgr-security",
            "response",
            "RESPONSE",
            "2026-03-02T09:00",
            "100%",
            "team",
            "priority",
            "assignee",
            "SUPPORT");

    private static final Engine ENGINE = Engine.builder()
            .addDefaults()
            .addValueResolver(new ReflectionValueResolver())
            .strictRendering(true)
            .addLocator(new ClasspathLocator())
            .build();

    private final NotificationPlanner planner = new NotificationPlanner("Ticket Suite Support", true);
    private final NotificationRenderer renderer = new NotificationRenderer(ENGINE);

    @Test
    void shouldRenderTheAcknowledgementWithSubjectAndReference() {
        Message message = renderer.render(planner.acknowledgement(TICKET_INFO).orElseThrow());

        assertThat(message.subject()).isEqualTo("We received your request: Cannot log in since Monday");
        assertThat(message.body())
                .contains("\"Cannot log in since Monday\"")
                .contains("Your reference is " + TICKET)
                .endsWith("Ticket Suite Support\n");
    }

    @Test
    void shouldKeepInternalFieldsOutOfCustomerMessages() {
        var breach =
                new SlaBreached(TICKET, SlaClock.RESPONSE, 100, Priority.P1, T, "agent-7", "security", "lead-sec", T);
        List<PlannedNotification> customer = new ArrayList<>();
        planner.acknowledgement(TICKET_INFO).ifPresent(customer::add);
        planner.threshold(EventType.SLA_BREACHED, breach, TICKET_INFO, DIRECTORY).notifications().stream()
                .filter(p -> p.recipientRole() == RecipientRole.CUSTOMER)
                .forEach(customer::add);
        assertThat(customer)
                .extracting(PlannedNotification::kind)
                .containsExactly(NotificationKind.TICKET_ACKNOWLEDGED, NotificationKind.SLA_BREACHED_CUSTOMER);

        for (PlannedNotification p : customer) {
            Message message = renderer.render(p);
            String text = message.subject() + "\n" + message.body();
            for (String internal : INTERNAL_VALUES) {
                assertThat(text).as(p.kind() + " must not mention " + internal).doesNotContain(internal);
            }
        }
    }

    @Test
    void shouldLetCustomerTemplatesUseOnlyCustomerFields() {
        for (NotificationKind kind : NotificationKind.values()) {
            if (!kind.customerFacing()) {
                continue;
            }
            for (String id : List.of(kind.subjectTemplate(), kind.bodyTemplate())) {
                List<String> used = ENGINE.getTemplate(id).getExpressions().stream()
                        .filter(e -> !e.isLiteral())
                        .map(e -> e.getParts().get(0).getName())
                        .toList();
                assertThat(used).as(id).isNotEmpty().allMatch(NotificationPlanner.CUSTOMER_FIELDS::contains);
            }
        }
    }

    @Test
    void shouldFailRatherThanRenderAFieldTheModelLacks() {
        assertThatThrownBy(() -> renderer.render(NotificationKind.SLA_BREACHED_MANAGER, Map.of("ticket_id", "x")))
                .isInstanceOf(TemplateException.class);
    }

    @Test
    void shouldRenderEveryStaffMessageWithItsInternals() {
        var warning50 =
                new SlaWarning(TICKET, SlaClock.RESPONSE, 50, Priority.P2, T, "agent-7", "security", "lead-sec", T);
        var warning75 =
                new SlaWarning(TICKET, SlaClock.RESOLUTION, 75, Priority.P2, T, "agent-7", "security", "lead-sec", T);
        var breach =
                new SlaBreached(TICKET, SlaClock.RESPONSE, 100, Priority.P1, T, "agent-7", "security", "lead-sec", T);
        var escalated =
                new SlaEscalated(TICKET, SlaClock.RESPONSE, 125, Priority.P1, T, "agent-7", "security", "lead-sec", T);

        Message assignee = staff(EventType.SLA_WARNING, warning50);
        assertThat(assignee.subject()).isEqualTo("[P2] 50% of the response target used: Cannot log in since Monday");
        assertThat(assignee.body()).startsWith("Hello agent-7,").contains("due at 2026-03-02T09:00:00Z");

        Message lead = staff(EventType.SLA_WARNING, warning75);
        assertThat(lead.subject()).contains("75% of the resolution target used in your team");
        assertThat(lead.body()).startsWith("Hello lead-sec,");

        Message manager = staff(EventType.SLA_BREACHED, breach);
        assertThat(manager.subject()).isEqualTo("[P1] SLA breached (response): Cannot log in since Monday");
        assertThat(manager.body()).startsWith("Hello Sam Adeyemi,").contains("team lead lead-sec");

        Message director = staff(EventType.SLA_ESCALATED, escalated);
        assertThat(director.subject()).startsWith("[P1] SLA escalated at 125%");
        assertThat(director.body()).startsWith("Hello Dana Okafor,");

        var assigned = new TicketAssigned(
                TICKET, "security", "Security", "agent-7", "Ada", "lead-sec", "security", "security words", T);
        Message agent = renderer.render(
                planner.assignment(assigned, TICKET_INFO, DIRECTORY).orElseThrow());
        assertThat(agent.subject()).isEqualTo("Assigned to you: Cannot log in since Monday");
        assertThat(agent.body())
                .startsWith("Hello Ada,")
                .contains("team Security")
                .contains("Routing rule: security");
    }

    @Test
    void shouldRenderEscalationsReassignmentsAndResolutions() {
        var page = planner.escalation(
                        new io.ticketsuite.events.TicketEscalated(
                                TICKET,
                                "L1",
                                "security",
                                "breach evidence",
                                T,
                                UUID.fromString("00000000-0000-0000-0000-0000000000e1"),
                                "data-breach",
                                List.of(new io.ticketsuite.events.EscalationTarget("ciso-1", "Casey Ciso", "ciso")),
                                T.plusSeconds(600),
                                true),
                        TICKET_INFO,
                        DIRECTORY)
                .get(0);
        Message paged = renderer.render(page);
        assertThat(paged.subject())
                .isEqualTo("PAGE — escalation L1: Cannot log in since Monday — acknowledge by 2026-03-02T09:10:00Z");
        assertThat(paged.body())
                .startsWith("PAGE for Casey Ciso (ciso)")
                .contains("Rule: data-breach. Reason: breach evidence.")
                .contains("Acknowledge by 2026-03-02T09:10:00Z");

        var moved = planner.reassignment(
                new io.ticketsuite.events.TicketReassigned(
                        TICKET, "agent-7", "agent-9", "tier2", "needs T2", T, "tier1", "T2", "lead-sec"),
                TICKET_INFO,
                DIRECTORY);
        assertThat(renderer.render(moved.get(0)).body())
                .contains("is yours now")
                .contains("tier T2");
        assertThat(renderer.render(moved.get(1)).subject()).isEqualTo("No longer yours: Cannot log in since Monday");

        var resolved = new io.ticketsuite.events.TicketStatusChanged(
                TICKET,
                TicketType.SUPPORT,
                io.ticketsuite.events.TicketStatus.IN_PROGRESS,
                io.ticketsuite.events.TicketStatus.RESOLVED,
                null,
                "agent-7",
                "AGENT",
                T,
                new io.ticketsuite.events.Resolution("fixed", "We reset your password.", null));
        Message told = renderer.render(planner.resolved(resolved, TICKET_INFO).orElseThrow());
        assertThat(told.subject()).isEqualTo("Your request is resolved: Cannot log in since Monday");
        assertThat(told.body()).contains("What we did: We reset your password.").endsWith("Ticket Suite Support\n");
        for (String internal : INTERNAL_VALUES) {
            assertThat(told.subject() + told.body()).doesNotContain(internal);
        }

        var withoutSummary = new io.ticketsuite.events.TicketStatusChanged(
                TICKET,
                TicketType.SUPPORT,
                io.ticketsuite.events.TicketStatus.IN_PROGRESS,
                io.ticketsuite.events.TicketStatus.RESOLVED,
                null,
                "agent-7",
                T);
        assertThat(renderer.render(planner.resolved(withoutSummary, TICKET_INFO).orElseThrow())
                        .body())
                .doesNotContain("What we did")
                .contains("has been resolved");
    }

    private Message staff(EventType type, io.ticketsuite.events.SlaThresholdReached event) {
        PlannedNotification planned = planner.threshold(type, event, TICKET_INFO, DIRECTORY).notifications().stream()
                .filter(p -> p.recipientRole().isStaff())
                .findFirst()
                .orElseThrow();
        return renderer.render(planned);
    }

    /** Finds {@code templates/<id>} on the classpath, as Quarkus does at build time. */
    private static final class ClasspathLocator implements TemplateLocator {
        @Override
        public Optional<TemplateLocation> locate(String id) {
            InputStream in = NotificationRendererTest.class.getClassLoader().getResourceAsStream("templates/" + id);
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new TemplateLocation() {
                @Override
                public Reader read() {
                    return new InputStreamReader(in, StandardCharsets.UTF_8);
                }

                @Override
                public Optional<Variant> getVariant() {
                    return Optional.empty();
                }
            });
        }
    }
}
