package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The customer a ticket is for, as channels send it. {@code timeZone} (optional, an IANA id such as {@code
 * Europe/Berlin}) is the zone whose wall clock the customer's business-hours SLA calendar follows.
 */
public record Customer(
        @JsonProperty(required = true) String id,
        String email,
        @JsonProperty(required = true) CustomerTier tier,
        String language,
        String timeZone) {

    /** A customer without a time zone of their own (the SLA calendar's configured zone applies). */
    public Customer(String id, String email, CustomerTier tier, String language) {
        this(id, email, tier, language, null);
    }
}
