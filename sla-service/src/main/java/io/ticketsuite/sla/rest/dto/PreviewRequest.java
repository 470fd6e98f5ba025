package io.ticketsuite.sla.rest.dto;

import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a ticket would be: its tier, its priority, when it is created and, optionally, the customer's time zone. */
public record PreviewRequest(
        @Schema(required = true) CustomerTier tier,
        @Schema(required = true) Priority priority,
        @Schema(required = true) Instant createdAt,

        @Schema(description = "IANA time zone of the customer, e.g. Europe/Berlin; default: the calendar's zone")
        String timeZone) {}
