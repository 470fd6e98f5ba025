package io.ticketsuite.routing.escalation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One level of a rule: its targets, whether they are paged at once ({@code immediate}) and how long they have to
 * acknowledge before the next level (absent: the escalation stays open until acknowledged).
 */
public record EscalationLevel(String name, List<TargetSpec> targets, boolean immediate, Duration acknowledgeWithin) {
    public EscalationLevel {
        targets = List.copyOf(targets);
    }

    public Optional<Duration> deadline() {
        return Optional.ofNullable(acknowledgeWithin);
    }
}
