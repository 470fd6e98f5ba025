package io.ticketsuite.routing.rest.dto;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why a customer is VIP (optional). */
public record VipCustomerRequest(
        @Size(max = 500) @Schema(examples = "Strategic account, renewal in Q3")
        String note) {}
