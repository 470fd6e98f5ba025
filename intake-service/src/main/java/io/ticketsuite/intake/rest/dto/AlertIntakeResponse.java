package io.ticketsuite.intake.rest.dto;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the alerts of one monitoring notification became, in payload order. */
@Schema(name = "AlertIntake", description = "What each alert of a monitoring notification became")
public record AlertIntakeResponse(List<Item> alerts) {

    @Schema(name = "AlertIntakeItem")
    public record Item(
            String fingerprint,

            @Schema(
                    description = "CREATED (a new ticket), REPEATED (fired anew: one comment with the count),"
                            + " UNCHANGED (a grouped re-send), RESOLVED (commented, and resolved when configured),"
                            + " IGNORED (resolved, but no open ticket tracks it)")
            String outcome,

            UUID ticketId,
            String ref) {}
}
