package io.ticketsuite.routing.selection;

/** How a team's agent is chosen once the team is known. */
public enum Strategy {
    /** The next agent after the team's cursor, in agent id order. */
    ROUND_ROBIN("round-robin"),
    /** The agent with the fewest open assignments; ties go round-robin. */
    LEAST_LOADED("least loaded");

    private final String label;

    Strategy(String label) {
        this.label = label;
    }

    /** How the strategy reads in a human reason. */
    public String label() {
        return label;
    }
}
