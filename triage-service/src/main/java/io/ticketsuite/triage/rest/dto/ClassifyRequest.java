package io.ticketsuite.triage.rest.dto;

import io.ticketsuite.events.CustomerTier;
import jakarta.validation.Valid;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A ticket to classify without storing anything: a subject and/or a description, and optionally the tier. */
@Schema(description = "Text to classify; at least one of subject and description must be non-blank")
public record ClassifyRequest(
        @Schema(examples = "Charged twice for my subscription")
        String subject,

        @Schema(examples = "My card was charged twice this month, please refund one payment.")
        String description,

        @Valid CustomerRef customer) {

    /** The customer, for the tier that moves impact (Enterprise +1, Free −1). */
    public record CustomerRef(
            @Schema(description = "ENTERPRISE, PROFESSIONAL, STARTER or FREE (any case)")
            CustomerTier tier) {}

    public String tierName() {
        return customer == null || customer.tier() == null
                ? null
                : customer.tier().name();
    }
}
