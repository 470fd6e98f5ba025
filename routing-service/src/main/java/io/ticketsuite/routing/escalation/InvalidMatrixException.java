package io.ticketsuite.routing.escalation;

import java.util.List;

/** The escalation matrix cannot be used; the message lists every problem and where it is. */
public class InvalidMatrixException extends RuntimeException {
    private final List<String> problems;

    public InvalidMatrixException(List<String> problems) {
        super("escalation matrix refused: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
