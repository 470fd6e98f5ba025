package io.ticketsuite.routing.oncall;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Reads a team's rotation, members and overrides as one {@link OnCallSchedule}. */
@ApplicationScoped
public class OnCallRepository {

    /** The team's schedule, empty when the team has no rotation. Needs a session. */
    public Uni<Optional<OnCallSchedule>> schedule(String teamId) {
        return Panache.getSession()
                .chain(session -> session.find(OnCallRotation.class, teamId).chain(rotation -> {
                    if (rotation == null) {
                        return Uni.createFrom().item(Optional.<OnCallSchedule>empty());
                    }
                    return session.createQuery(
                                    "from OnCallMember where teamId = ?1 order by position", OnCallMember.class)
                            .setParameter(1, teamId)
                            .getResultList()
                            .chain(members -> session.createQuery(
                                            "from OnCallOverride where teamId = ?1 order by fromDate",
                                            OnCallOverride.class)
                                    .setParameter(1, teamId)
                                    .getResultList()
                                    .map(overrides -> Optional.of(toSchedule(rotation, members, overrides))));
                }));
    }

    /** Team ids that have a rotation. Needs a session. */
    public Uni<List<String>> teamsWithRotation() {
        return Panache.getSession()
                .chain(session -> session.createQuery("select teamId from OnCallRotation", String.class)
                        .getResultList());
    }

    static OnCallSchedule toSchedule(
            OnCallRotation rotation, List<OnCallMember> members, List<OnCallOverride> overrides) {
        return new OnCallSchedule(
                rotation.teamId,
                ZoneId.of(rotation.timeZone),
                DayOfWeek.valueOf(rotation.handoverDay),
                rotation.handoverTime,
                rotation.startsOn,
                members.stream()
                        .map(m -> new OnCallSchedule.Member(m.staffId, m.name))
                        .toList(),
                overrides.stream()
                        .map(o -> new OnCallSchedule.Cover(o.staffId, o.name, o.fromDate, o.toDate, o.reason))
                        .toList());
    }
}
