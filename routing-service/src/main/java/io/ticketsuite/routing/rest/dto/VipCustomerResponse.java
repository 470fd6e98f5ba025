package io.ticketsuite.routing.rest.dto;

import java.time.Instant;

/** A customer in the VIP directory. */
public record VipCustomerResponse(String customerId, String note, String flaggedBy, Instant flaggedAt) {}
