package io.ticketsuite.routing.escalation;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EscalationTarget;
import io.ticketsuite.routing.Team;
import io.ticketsuite.routing.oncall.OnCallService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a level's targets to staff ids inside the caller's session: a team's lead from {@code team}, the person
 * on call from the team's rotation (the team lead when the team has no rotation or nobody is on call), a named
 * contact from {@code escalation_contact}. A person named twice is paged once, under the first role.
 */
@ApplicationScoped
public class TargetResolver {
    private final OnCallService onCall;

    public TargetResolver(OnCallService onCall) {
        this.onCall = onCall;
    }

    /** The resolved targets, and the team the level is about (its first team target, else the ticket's team). */
    public record Resolved(List<EscalationTarget> targets, String teamId) {}

    public Uni<Resolved> resolve(EscalationLevel level, String ticketTeam, Instant at) {
        Map<String, EscalationTarget> byStaff = new LinkedHashMap<>();
        List<String> teams = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (TargetSpec spec : level.targets()) {
            chain = chain.chain(() -> resolve(spec, ticketTeam, at).invoke(target -> {
                        if (spec.isTeam()) {
                            teams.add(team(spec, ticketTeam));
                        }
                        if (target != null) {
                            byStaff.putIfAbsent(target.staffId(), target);
                        }
                    }))
                    .replaceWithVoid();
        }
        return chain.map(
                ignored -> new Resolved(List.copyOf(byStaff.values()), teams.isEmpty() ? ticketTeam : teams.get(0)));
    }

    private Uni<EscalationTarget> resolve(TargetSpec spec, String ticketTeam, Instant at) {
        return switch (spec.kind()) {
            case TEAM_LEAD -> lead(team(spec, ticketTeam), "team-lead");
            case ON_CALL -> {
                String team = team(spec, ticketTeam);
                yield onCall.whoIsOnCall(team, at)
                        .chain(who -> who.isPresent()
                                ? Uni.createFrom()
                                        .item(new EscalationTarget(
                                                who.get().staffId(), who.get().name(), "on-call"))
                                : lead(team, "team-lead (no one on call)"));
            }
            case CONTACT ->
                Panache.getSession()
                        .chain(session -> session.find(EscalationContact.class, spec.ref()))
                        .map(contact -> contact == null
                                ? null
                                : new EscalationTarget(contact.staffId, contact.name, contact.role));
        };
    }

    private static Uni<EscalationTarget> lead(String teamId, String role) {
        return Panache.getSession()
                .chain(session -> session.find(Team.class, teamId))
                .map(team -> team == null ? null : new EscalationTarget(team.leadId, team.leadName, role));
    }

    private static String team(TargetSpec spec, String ticketTeam) {
        return TargetSpec.TICKET_TEAM.equals(spec.ref()) ? ticketTeam : spec.ref();
    }
}
