package io.ticketsuite.triage.classifier;

import java.util.List;

/** A rule pack that cannot be read or is not valid; the message lists every problem found. */
public class RulePackException extends IllegalArgumentException {

    private final List<String> problems;

    public RulePackException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    public RulePackException(List<String> problems) {
        super("invalid rule pack: " + problems.size() + " problem(s):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, with the path of the offending key (e.g. {@code categories.billing.terms.charge}). */
    public List<String> problems() {
        return problems;
    }

    /**
     * Every reason the pack was refused, in human-readable form with the path of the offending key
     * (the same list as {@link #problems()}); never empty.
     */
    public List<String> reasons() {
        return problems;
    }
}
