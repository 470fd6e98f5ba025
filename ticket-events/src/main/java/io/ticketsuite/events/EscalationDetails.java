package io.ticketsuite.events;

import java.util.List;

/**
 * The concern an ESCALATION ticket raises about a client. Intake requires {@code client} and a non-empty
 * {@code escalationTypes} when any escalation detail is given; the other fields are optional.
 *
 * @param client the client the concern is about
 * @param escalationTypes the kinds of concern (a set: no duplicates)
 * @param actionTaken what has already been done
 * @param evidence what supports the concern (links, figures, quotes)
 * @param relationshipImpact the impact on the relationship with the client
 * @param suggestedNextSteps what the author suggests doing next
 */
public record EscalationDetails(
        String client,
        List<EscalationKind> escalationTypes,
        String actionTaken,
        String evidence,
        String relationshipImpact,
        String suggestedNextSteps) {}
