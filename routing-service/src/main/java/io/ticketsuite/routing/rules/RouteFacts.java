package io.ticketsuite.routing.rules;

import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import java.util.Locale;

/** What routing knows about a ticket once it was created and triaged: the inputs of the rules. */
public record RouteFacts(String category, CustomerTier tier, Priority priority, String language) {

    public RouteFacts {
        category = category == null || category.isBlank()
                ? "general"
                : category.trim().toLowerCase(Locale.ROOT);
    }
}
