package io.ticketsuite.sla.rest.dto;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The range of a replay: the records that reached the topics in [from, to]; keep the scratch schema or not. */
public record ReplayRequest(
        @Schema(required = true, description = "Start of the range (instant a record reached its topic)")
        Instant from,

        @Schema(required = true, description = "End of the range, after from")
        Instant to,

        @Schema(description = "Keep the scratch schema sla_replay_<id> for inspection (default false: dropped)")
        Boolean keepSchema) {}
