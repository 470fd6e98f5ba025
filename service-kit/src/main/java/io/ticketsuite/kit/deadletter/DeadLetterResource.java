package io.ticketsuite.kit.deadletter;

import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.rest.Paging;
import io.ticketsuite.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every service's dead letters, for admins: list them with their reasons, re-drive chosen ones. */
@Path("/api/v1/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "dead letters",
        description = "Records this service's consumers could never process (undecodable, invalid, a deterministic"
                + " failure), on the `<service>-dlq` topic with the reason. A transient failure (database or broker"
                + " unavailable) never lands here: the consumer waits and retries.")
public class DeadLetterResource {

    private final DeadLetters deadLetters;
    private final Paging paging;

    public DeadLetterResource(DeadLetters deadLetters, Paging paging) {
        this.deadLetters = deadLetters;
        this.paging = paging;
    }

    /** A page of dead letters. */
    public record DeadLetterPage(String topic, int page, int size, List<DeadLetters.DeadLetter> items) {}

    /** Where a dead letter sits on the dead-letter topic. */
    public record Position(Integer partition, Long offset) {}

    /** Which dead letters to re-drive: the listed positions, or all of them. */
    public record ReplayRequest(List<Position> records, Boolean all) {}

    /** What was re-driven (positions that hold no dead letter are left out). */
    public record ReplayResult(int replayed, List<DeadLetters.Replayed> records) {}

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "listDeadLetters",
            summary = "List this service's dead letters",
            description = "Oldest first per partition, with the reason, the original topic/partition/offset and the"
                    + " record's value.")
    public DeadLetterPage list(
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        int offset = paging.offset(page, size);
        return new DeadLetterPage(deadLetters.topic(), page, size, deadLetters.list(offset, size));
    }

    @POST
    @Path("/replay")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "replayDeadLetters",
            summary = "Re-drive dead letters to the topic they came from",
            description = "Give `records` (partition and offset on the dead-letter topic) or `all: true`. Each record"
                    + " is published again to its original topic with its key, value and CloudEvents headers; the"
                    + " consumers' idempotency makes a replay safe (an event processed meanwhile is skipped). The"
                    + " dead letter stays on its topic (a topic is append-only).")
    public ReplayResult replay(ReplayRequest request) throws Exception {
        boolean all = request != null && Boolean.TRUE.equals(request.all());
        List<Position> records = request == null || request.records() == null ? List.of() : request.records();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!all && records.isEmpty()) {
            errors.add(new Problem.FieldError("records", "give the records to re-drive, or all: true"));
        }
        if (records.size() > 1000) {
            errors.add(new Problem.FieldError("records", "at most 1000 records at once"));
        }
        for (int i = 0; i < records.size(); i++) {
            Position p = records.get(i);
            if (p == null || p.partition() == null || p.partition() < 0) {
                errors.add(new Problem.FieldError("records[" + i + "].partition", "a partition number ≥ 0"));
            }
            if (p == null || p.offset() == null || p.offset() < 0) {
                errors.add(new Problem.FieldError("records[" + i + "].offset", "an offset ≥ 0"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        List<DeadLetters.Replayed> replayed = deadLetters.replay(DeadLetters.positions(records), all);
        return new ReplayResult(replayed.size(), replayed);
    }
}
