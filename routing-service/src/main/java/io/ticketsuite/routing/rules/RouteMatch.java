package io.ticketsuite.routing.rules;

/** The rule that fired for a ticket and the human reason for it. */
public record RouteMatch(RoutingRule rule, String reason) {

    public String teamId() {
        return rule.teamId();
    }
}
