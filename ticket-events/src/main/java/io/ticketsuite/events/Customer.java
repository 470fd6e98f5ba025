package io.ticketsuite.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The customer a ticket is for, as channels send it. */
public record Customer(
        @JsonProperty(required = true) String id,
        String email,
        @JsonProperty(required = true) CustomerTier tier,
        String language) {}
