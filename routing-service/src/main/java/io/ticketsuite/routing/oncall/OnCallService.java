package io.ticketsuite.routing.oncall;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.kit.problem.ProblemTypes;
import io.ticketsuite.routing.Team;
import io.ticketsuite.routing.repository.TeamRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/** Answers who is on call for a team at an instant, from the team's rotation and overrides. */
@ApplicationScoped
public class OnCallService {
    private final OnCallRepository rotations;
    private final TeamRepository teams;

    public OnCallService(OnCallRepository rotations, TeamRepository teams) {
        this.rotations = rotations;
        this.teams = teams;
    }

    /** The answer of the API: 404 problem for an unknown team, or a team without a rotation or nobody on call. */
    @WithSession
    public Uni<OnCallAnswer> onCall(String teamId, Instant at) {
        return teams.findById(teamId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("team", teamId))
                .chain(team -> rotations.schedule(teamId).map(schedule -> answer(team, schedule, at)));
    }

    /** Who is on call, inside the caller's session (escalation targets); empty without a rotation. */
    public Uni<Optional<OnCallSchedule.OnCall>> whoIsOnCall(String teamId, Instant at) {
        return rotations.schedule(teamId).map(schedule -> schedule.flatMap(s -> s.at(at)));
    }

    private static OnCallAnswer answer(Team team, Optional<OnCallSchedule> schedule, Instant at) {
        if (schedule.isEmpty()) {
            throw new ProblemException(
                    404, ProblemTypes.NOT_FOUND, "Not found", "team " + team.id + " has no on-call rotation");
        }
        OnCallSchedule.OnCall onCall = schedule.get()
                .at(at)
                .orElseThrow(() -> new ProblemException(
                        404, ProblemTypes.NOT_FOUND, "Not found", "nobody is on call for team " + team.id));
        return new OnCallAnswer(team.id, team.name, schedule.get().zone().getId(), at, onCall);
    }

    /** Who is on call for a team at an instant, with the rotation's time zone. */
    public record OnCallAnswer(
            String teamId, String teamName, String timeZone, Instant at, OnCallSchedule.OnCall onCall) {}
}
