package io.ticketsuite.intake;

import static io.ticketsuite.events.TicketStatus.ACCEPTED;
import static io.ticketsuite.events.TicketStatus.ASSIGNED;
import static io.ticketsuite.events.TicketStatus.CLOSED;
import static io.ticketsuite.events.TicketStatus.IN_PROGRESS;
import static io.ticketsuite.events.TicketStatus.NEW;
import static io.ticketsuite.events.TicketStatus.REOPENED;
import static io.ticketsuite.events.TicketStatus.RESOLVED;
import static io.ticketsuite.events.TicketStatus.TRIAGED;
import static io.ticketsuite.events.TicketStatus.WAITING_FOR_CUSTOMER;
import static io.ticketsuite.events.TicketStatus.WAITING_FOR_THIRD_PARTY;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TicketLifecycleTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(14);

    @ParameterizedTest
    @EnumSource(
            value = TicketType.class,
            names = {"SUPPORT", "ESCALATION"})
    void shouldFollowTheFullWorkflowForSupportAndEscalation(TicketType type) {
        assertThat(TicketLifecycle.allowed(type, NEW)).containsExactlyInAnyOrder(TRIAGED, ASSIGNED, CLOSED);
        assertThat(TicketLifecycle.allowed(type, TRIAGED)).containsExactlyInAnyOrder(ASSIGNED, CLOSED);
        assertThat(TicketLifecycle.allowed(type, ASSIGNED))
                .containsExactlyInAnyOrder(IN_PROGRESS, WAITING_FOR_CUSTOMER, WAITING_FOR_THIRD_PARTY, RESOLVED);
        assertThat(TicketLifecycle.allowed(type, IN_PROGRESS))
                .containsExactlyInAnyOrder(WAITING_FOR_CUSTOMER, WAITING_FOR_THIRD_PARTY, RESOLVED);
        assertThat(TicketLifecycle.allowed(type, WAITING_FOR_CUSTOMER))
                .containsExactlyInAnyOrder(IN_PROGRESS, RESOLVED, CLOSED);
        assertThat(TicketLifecycle.allowed(type, WAITING_FOR_THIRD_PARTY))
                .containsExactlyInAnyOrder(IN_PROGRESS, RESOLVED);
        assertThat(TicketLifecycle.allowed(type, RESOLVED)).containsExactlyInAnyOrder(CLOSED, REOPENED);
        assertThat(TicketLifecycle.allowed(type, REOPENED)).containsExactlyInAnyOrder(ASSIGNED, IN_PROGRESS, RESOLVED);
        assertThat(TicketLifecycle.allowed(type, CLOSED)).isEmpty();
        assertThat(TicketLifecycle.allowed(type, ACCEPTED)).isEmpty();
    }

    @Test
    void shouldGiveAQuestionTheShortLifecycle() {
        TicketType q = TicketType.QUESTION;
        assertThat(TicketLifecycle.allowed(q, NEW)).containsExactlyInAnyOrder(ACCEPTED, CLOSED);
        assertThat(TicketLifecycle.allowed(q, ACCEPTED)).containsExactly(RESOLVED);
        assertThat(TicketLifecycle.allowed(q, RESOLVED)).containsExactlyInAnyOrder(CLOSED, REOPENED);
        assertThat(TicketLifecycle.allowed(q, REOPENED)).containsExactlyInAnyOrder(ACCEPTED, RESOLVED);
        assertThat(TicketLifecycle.allowed(q, TRIAGED)).isEmpty();
        assertThat(TicketLifecycle.isStatusOf(q, IN_PROGRESS)).isFalse();
    }

    @Test
    void shouldRefuseAnIllegalTransitionSayingWhy() {
        assertThat(TicketLifecycle.refusal(TicketType.SUPPORT, NEW, RESOLVED, null, NOW, WINDOW))
                .contains("a SUPPORT ticket cannot go from NEW to RESOLVED");
        assertThat(TicketLifecycle.refusal(TicketType.SUPPORT, ASSIGNED, IN_PROGRESS, null, NOW, WINDOW))
                .isEmpty();
    }

    @Test
    void shouldReopenOnlyWithinTheWindow() {
        Instant resolved = NOW.minus(Duration.ofDays(13));
        assertThat(TicketLifecycle.refusal(TicketType.SUPPORT, RESOLVED, REOPENED, resolved, NOW, WINDOW))
                .isEmpty();

        Instant longAgo = NOW.minus(Duration.ofDays(15));
        assertThat(TicketLifecycle.refusal(TicketType.SUPPORT, RESOLVED, REOPENED, longAgo, NOW, WINDOW))
                .hasValueSatisfying(reason -> assertThat(reason).contains("reopen window of 14 days"));
    }

    @Test
    void shouldMoveOnDecisionsOnlyWhereTheLifecycleAllows() {
        assertThat(TicketLifecycle.onTriaged(TicketType.SUPPORT, NEW)).contains(TRIAGED);
        assertThat(TicketLifecycle.onTriaged(TicketType.SUPPORT, ASSIGNED)).isEmpty();
        assertThat(TicketLifecycle.onTriaged(TicketType.QUESTION, NEW)).isEmpty();
        assertThat(TicketLifecycle.onAssigned(TicketType.SUPPORT, TRIAGED)).contains(ASSIGNED);
        assertThat(TicketLifecycle.onAssigned(TicketType.SUPPORT, NEW)).contains(ASSIGNED);
        assertThat(TicketLifecycle.onAssigned(TicketType.QUESTION, NEW)).contains(ACCEPTED);
        assertThat(TicketLifecycle.onAssigned(TicketType.SUPPORT, RESOLVED)).isEmpty();
        for (TicketStatus closed : new TicketStatus[] {CLOSED}) {
            assertThat(TicketLifecycle.onAssigned(TicketType.SUPPORT, closed)).isEmpty();
        }
    }
}
