package io.ticketsuite.routing.selection;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.routing.AgentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Skills, continuity, VIP and availability in the choice of an agent: each decides one case and is overridden in
 * another, and the explanation says which step chose whom and why the others were passed over.
 */
class AgentSelectorDepthTest {
    private static final Instant HELPED = Instant.parse("2026-11-20T10:00:00Z");

    private final AgentSelector selector = new AgentSelector();

    private static AgentCandidate agent(String id, int load, Set<String> skills, boolean senior, AgentStatus status) {
        return new AgentCandidate(id, "Agent " + id, Set.of("en"), 10, load, skills, senior, status);
    }

    private static AgentCandidate agent(String id, int load) {
        return agent(id, load, Set.of(), false, AgentStatus.AVAILABLE);
    }

    private static SelectionRequest request(
            List<AgentCandidate> team, Set<String> skills, boolean vip, SelectionRequest.Previous previous) {
        return new SelectionRequest(Strategy.ROUND_ROBIN, team, "en", null, skills, vip, previous, Map.of());
    }

    @Test
    void shouldGiveTheTicketOnlyToAnAgentWithTheRequiredSkills() {
        List<AgentCandidate> team = List.of(
                agent("a", 0), agent("b", 5, Set.of("crisis-support"), false, AgentStatus.AVAILABLE), agent("c", 0));

        Selection selection = selector.select(request(team, Set.of("crisis-support"), false, null));

        assertThat(selection.agentId()).contains("b");
        assertThat(selection.explanation())
                .isEqualTo("agent chosen round-robin among en speakers; skills [crisis-support] required: matched by"
                        + " [b]; passed over: a (lacks skill crisis-support), c (lacks skill crisis-support)");
    }

    @Test
    void shouldQueueTheTicketWhenNoAvailableAgentHasTheSkills() {
        List<AgentCandidate> team =
                List.of(agent("a", 0), agent("b", 0, Set.of("crisis-support"), false, AgentStatus.AWAY));

        Selection selection = selector.select(request(team, Set.of("crisis-support"), false, null));

        assertThat(selection.agent()).isEmpty();
        assertThat(selection.explanation())
                .isEqualTo("no available agent with skills [crisis-support] in the team; the ticket waits in the team"
                        + " queue; passed over: a (lacks skill crisis-support), b (away)");
    }

    @Test
    void shouldGiveAReturningCustomerTheAgentWhoLastHelpedThem() {
        List<AgentCandidate> team = List.of(agent("a", 0), agent("b", 0), agent("c", 7));

        Selection selection =
                selector.select(request(team, Set.of(), false, new SelectionRequest.Previous("c", HELPED)));

        assertThat(selection.agentId()).contains("c");
        assertThat(selection.explanation())
                .isEqualTo("agent chosen by continuity: c last helped this customer (2026-11-20T10:00:00Z)");
    }

    @Test
    void shouldFollowTheRuleWhenThePreviousAgentIsAtCapacityOrAway() {
        List<AgentCandidate> full = List.of(agent("a", 0), agent("b", 10));
        Selection atCapacity =
                selector.select(request(full, Set.of(), false, new SelectionRequest.Previous("b", HELPED)));
        assertThat(atCapacity.agentId()).contains("a");
        assertThat(atCapacity.explanation())
                .isEqualTo("agent chosen round-robin among en speakers; continuity passed over: b last helped this"
                        + " customer but is at capacity");

        List<AgentCandidate> away = List.of(agent("a", 0), agent("b", 0, Set.of(), false, AgentStatus.AWAY));
        Selection absent = selector.select(request(away, Set.of(), false, new SelectionRequest.Previous("b", HELPED)));
        assertThat(absent.agentId()).contains("a");
        assertThat(absent.explanation()).contains("continuity passed over: b last helped this customer but is away");
        assertThat(absent.explanation()).endsWith("passed over: b (away)");
    }

    @Test
    void shouldGiveAVipCustomersTicketToASeniorAgent() {
        List<AgentCandidate> team =
                List.of(agent("a", 0), agent("b", 0), agent("c", 3, Set.of(), true, AgentStatus.AVAILABLE));

        Selection selection = selector.select(request(team, Set.of(), true, null));

        assertThat(selection.agentId()).contains("c");
        assertThat(selection.explanation())
                .isEqualTo("agent chosen round-robin among en speakers; VIP customer: senior agents only; passed over:"
                        + " a (not senior (VIP customer)), b (not senior (VIP customer))");
    }

    @Test
    void shouldLetContinuityWinOverVipAndFallBackWhenNoSeniorHasRoom() {
        List<AgentCandidate> team = List.of(agent("a", 0), agent("c", 10, Set.of(), true, AgentStatus.AVAILABLE));

        Selection noRoom = selector.select(request(team, Set.of(), true, null));
        assertThat(noRoom.agentId()).contains("a");
        assertThat(noRoom.explanation()).contains("VIP customer, but no senior agent with spare capacity");

        List<AgentCandidate> withSenior = List.of(agent("a", 0), agent("c", 0, Set.of(), true, AgentStatus.AVAILABLE));
        Selection continuity =
                selector.select(request(withSenior, Set.of(), true, new SelectionRequest.Previous("a", HELPED)));
        assertThat(continuity.agentId()).contains("a");
        assertThat(continuity.explanation()).startsWith("agent chosen by continuity");
    }

    @Test
    void shouldSkipAgentsWhoAreAwayOrOffline() {
        List<AgentCandidate> team = List.of(
                agent("a", 0, Set.of(), false, AgentStatus.AWAY),
                agent("b", 0, Set.of(), false, AgentStatus.OFFLINE),
                agent("c", 9));

        Selection selection = selector.select(request(team, Set.of(), false, null));

        assertThat(selection.agentId()).contains("c");
        assertThat(selection.explanation())
                .isEqualTo("agent chosen round-robin among en speakers; passed over: a (away), b (offline)");
    }

    @Test
    void shouldOverrideRoundRobinOrderWithAvailabilityButNotWithExclusion() {
        // the cursor says "b" is next; b being away passes the turn to c
        List<AgentCandidate> team =
                List.of(agent("a", 0), agent("b", 0, Set.of(), false, AgentStatus.AWAY), agent("c", 0));
        assertThat(selector.select(new SelectionRequest(
                                Strategy.ROUND_ROBIN, team, "en", "a", Set.of(), false, null, Map.of()))
                        .agentId())
                .contains("c");

        // back to available, b gets its turn again, unless it is the agent being moved away from
        List<AgentCandidate> back = List.of(agent("a", 0), agent("b", 0), agent("c", 0));
        assertThat(selector.select(new SelectionRequest(
                                Strategy.ROUND_ROBIN, back, "en", "a", Set.of(), false, null, Map.of()))
                        .agentId())
                .contains("b");
        Selection excluded = selector.select(new SelectionRequest(
                Strategy.ROUND_ROBIN, back, "en", "a", Set.of(), false, null, Map.of("b", "going offline")));
        assertThat(excluded.agentId()).contains("c");
        assertThat(excluded.explanation()).endsWith("passed over: b (going offline)");
    }
}
