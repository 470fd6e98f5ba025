package io.ticketsuite.intake;

import static io.ticketsuite.events.TicketStatus.ACCEPTED;
import static io.ticketsuite.events.TicketStatus.ASSIGNED;
import static io.ticketsuite.events.TicketStatus.AWAITING_REVIEW;
import static io.ticketsuite.events.TicketStatus.CLOSED;
import static io.ticketsuite.events.TicketStatus.IN_PROGRESS;
import static io.ticketsuite.events.TicketStatus.NEW;
import static io.ticketsuite.events.TicketStatus.REOPENED;
import static io.ticketsuite.events.TicketStatus.RESOLVED;
import static io.ticketsuite.events.TicketStatus.SCHEDULED;
import static io.ticketsuite.events.TicketStatus.TRIAGED;
import static io.ticketsuite.events.TicketStatus.WAITING_FOR_CUSTOMER;
import static io.ticketsuite.events.TicketStatus.WAITING_FOR_THIRD_PARTY;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The lifecycle table of each type, row by row: every status and exactly the moves it allows. */
class TicketLifecycleTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(14);

    private static final Map<TicketStatus, Set<TicketStatus>> SUPPORT = Map.ofEntries(
            Map.entry(NEW, EnumSet.of(TRIAGED, ASSIGNED, CLOSED)),
            Map.entry(TRIAGED, EnumSet.of(ASSIGNED, CLOSED)),
            Map.entry(
                    ASSIGNED,
                    EnumSet.of(IN_PROGRESS, SCHEDULED, WAITING_FOR_CUSTOMER, WAITING_FOR_THIRD_PARTY, RESOLVED)),
            Map.entry(SCHEDULED, EnumSet.of(IN_PROGRESS, WAITING_FOR_CUSTOMER, WAITING_FOR_THIRD_PARTY)),
            Map.entry(
                    IN_PROGRESS,
                    EnumSet.of(SCHEDULED, AWAITING_REVIEW, WAITING_FOR_CUSTOMER, WAITING_FOR_THIRD_PARTY, RESOLVED)),
            Map.entry(AWAITING_REVIEW, EnumSet.of(RESOLVED, IN_PROGRESS)),
            Map.entry(WAITING_FOR_CUSTOMER, EnumSet.of(IN_PROGRESS, RESOLVED, CLOSED)),
            Map.entry(WAITING_FOR_THIRD_PARTY, EnumSet.of(IN_PROGRESS, RESOLVED)),
            Map.entry(RESOLVED, EnumSet.of(CLOSED, REOPENED)),
            Map.entry(REOPENED, EnumSet.of(ASSIGNED, IN_PROGRESS, SCHEDULED, RESOLVED)),
            Map.entry(CLOSED, EnumSet.of(REOPENED)),
            Map.entry(ACCEPTED, EnumSet.noneOf(TicketStatus.class)));

    private static final Map<TicketStatus, Set<TicketStatus>> ESCALATION = Map.ofEntries(
            Map.entry(NEW, EnumSet.of(TRIAGED, ASSIGNED, CLOSED)),
            Map.entry(TRIAGED, EnumSet.of(ASSIGNED, CLOSED)),
            Map.entry(ASSIGNED, EnumSet.of(IN_PROGRESS, WAITING_FOR_CUSTOMER, WAITING_FOR_THIRD_PARTY, RESOLVED)),
            Map.entry(IN_PROGRESS, EnumSet.of(WAITING_FOR_CUSTOMER, WAITING_FOR_THIRD_PARTY, RESOLVED)),
            Map.entry(WAITING_FOR_CUSTOMER, EnumSet.of(IN_PROGRESS, RESOLVED, CLOSED)),
            Map.entry(WAITING_FOR_THIRD_PARTY, EnumSet.of(IN_PROGRESS, RESOLVED)),
            Map.entry(RESOLVED, EnumSet.of(CLOSED, REOPENED)),
            Map.entry(REOPENED, EnumSet.of(ASSIGNED, IN_PROGRESS, RESOLVED)),
            Map.entry(CLOSED, EnumSet.of(REOPENED)),
            Map.entry(SCHEDULED, EnumSet.noneOf(TicketStatus.class)),
            Map.entry(AWAITING_REVIEW, EnumSet.noneOf(TicketStatus.class)),
            Map.entry(ACCEPTED, EnumSet.noneOf(TicketStatus.class)));

    private static final Map<TicketStatus, Set<TicketStatus>> QUESTION = Map.ofEntries(
            Map.entry(NEW, EnumSet.of(ACCEPTED, CLOSED)),
            Map.entry(ACCEPTED, EnumSet.of(RESOLVED)),
            Map.entry(RESOLVED, EnumSet.of(CLOSED, REOPENED)),
            Map.entry(REOPENED, EnumSet.of(ACCEPTED, RESOLVED)),
            Map.entry(CLOSED, EnumSet.of(REOPENED)),
            Map.entry(TRIAGED, EnumSet.noneOf(TicketStatus.class)),
            Map.entry(ASSIGNED, EnumSet.noneOf(TicketStatus.class)),
            Map.entry(IN_PROGRESS, EnumSet.noneOf(TicketStatus.class)),
            Map.entry(SCHEDULED, EnumSet.noneOf(TicketStatus.class)),
            Map.entry(AWAITING_REVIEW, EnumSet.noneOf(TicketStatus.class)),
            Map.entry(WAITING_FOR_CUSTOMER, EnumSet.noneOf(TicketStatus.class)),
            Map.entry(WAITING_FOR_THIRD_PARTY, EnumSet.noneOf(TicketStatus.class)));

    @ParameterizedTest
    @EnumSource(TicketType.class)
    void shouldAllowExactlyTheMovesOfTheTableForEveryStatus(TicketType type) {
        Map<TicketStatus, Set<TicketStatus>> table = switch (type) {
            case SUPPORT -> SUPPORT;
            case ESCALATION -> ESCALATION;
            case QUESTION -> QUESTION;
        };
        assertThat(table.keySet()).as("the table covers every status").containsExactlyInAnyOrder(TicketStatus.values());
        for (TicketStatus from : TicketStatus.values()) {
            assertThat(TicketLifecycle.allowed(type, from))
                    .as(type + " from " + from)
                    .containsExactlyInAnyOrderElementsOf(table.get(from));
        }
    }

    @Test
    void shouldKeepTheSupportWorkStatesToSupport() {
        assertThat(TicketLifecycle.isStatusOf(TicketType.SUPPORT, SCHEDULED)).isTrue();
        assertThat(TicketLifecycle.isStatusOf(TicketType.SUPPORT, AWAITING_REVIEW))
                .isTrue();
        assertThat(TicketLifecycle.isStatusOf(TicketType.ESCALATION, SCHEDULED)).isFalse();
        assertThat(TicketLifecycle.isStatusOf(TicketType.QUESTION, AWAITING_REVIEW))
                .isFalse();
        assertThat(TicketLifecycle.isStatusOf(TicketType.QUESTION, IN_PROGRESS)).isFalse();
    }

    @Test
    void shouldRefuseAnIllegalTransitionSayingWhy() {
        assertThat(TicketLifecycle.refusal(TicketType.SUPPORT, NEW, RESOLVED, null, NOW, WINDOW))
                .contains("a SUPPORT ticket cannot go from NEW to RESOLVED");
        assertThat(TicketLifecycle.refusal(TicketType.ESCALATION, IN_PROGRESS, AWAITING_REVIEW, null, NOW, WINDOW))
                .contains("a ESCALATION ticket cannot go from IN_PROGRESS to AWAITING_REVIEW");
        assertThat(TicketLifecycle.refusal(TicketType.SUPPORT, ASSIGNED, IN_PROGRESS, null, NOW, WINDOW))
                .isEmpty();
    }

    @Test
    void shouldReopenOnlyWithinTheWindow() {
        Instant resolved = NOW.minus(Duration.ofDays(13));
        assertThat(TicketLifecycle.refusal(TicketType.SUPPORT, RESOLVED, REOPENED, resolved, NOW, WINDOW))
                .isEmpty();
        assertThat(TicketLifecycle.refusal(TicketType.QUESTION, CLOSED, REOPENED, resolved, NOW, WINDOW))
                .isEmpty();
        assertThat(TicketLifecycle.withinReopenWindow(resolved, NOW, WINDOW)).isTrue();

        Instant longAgo = NOW.minus(Duration.ofDays(15));
        assertThat(TicketLifecycle.refusal(TicketType.SUPPORT, CLOSED, REOPENED, longAgo, NOW, WINDOW))
                .hasValueSatisfying(reason -> assertThat(reason).contains("reopen window of 14 days"));
        assertThat(TicketLifecycle.withinReopenWindow(longAgo, NOW, WINDOW)).isFalse();
    }

    @Test
    void shouldMoveOnDecisionsOnlyWhereTheLifecycleAllows() {
        assertThat(TicketLifecycle.onTriaged(TicketType.SUPPORT, NEW)).contains(TRIAGED);
        assertThat(TicketLifecycle.onTriaged(TicketType.SUPPORT, ASSIGNED)).isEmpty();
        assertThat(TicketLifecycle.onTriaged(TicketType.QUESTION, NEW)).isEmpty();
        assertThat(TicketLifecycle.onAssigned(TicketType.SUPPORT, TRIAGED)).contains(ASSIGNED);
        assertThat(TicketLifecycle.onAssigned(TicketType.SUPPORT, NEW)).contains(ASSIGNED);
        assertThat(TicketLifecycle.onAssigned(TicketType.SUPPORT, REOPENED)).contains(ASSIGNED);
        assertThat(TicketLifecycle.onAssigned(TicketType.QUESTION, NEW)).contains(ACCEPTED);
        assertThat(TicketLifecycle.onAssigned(TicketType.SUPPORT, RESOLVED)).isEmpty();
        assertThat(TicketLifecycle.onAssigned(TicketType.SUPPORT, SCHEDULED)).isEmpty();
        assertThat(TicketLifecycle.onAssigned(TicketType.SUPPORT, CLOSED)).isEmpty();
    }
}
