package io.ticketsuite.routing.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Choosing the agent inside a team: round-robin fairness, language preference, capacity, least loaded. */
class AgentSelectorTest {
    private final AgentSelector selector = new AgentSelector();

    private static AgentCandidate agent(String id, int load, int capacity, String... languages) {
        return new AgentCandidate(id, "Agent " + id, Set.of(languages), capacity, load);
    }

    /** Routes {@code tickets} tickets one after the other, as the service does: load and cursor carried over. */
    private Map<String, Long> distribute(Strategy strategy, List<AgentCandidate> team, String language, int tickets) {
        List<AgentCandidate> current = new ArrayList<>(team);
        String cursor = null;
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
            AgentCandidate agent =
                    selector.select(strategy, current, language, cursor).agent().orElseThrow();
            chosen.add(agent.id());
            cursor = agent.id();
            current.replaceAll(a -> a.id().equals(agent.id())
                    ? new AgentCandidate(a.id(), a.name(), a.languages(), a.capacity(), a.openAssignments() + 1)
                    : a);
        }
        return chosen.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void shouldSpreadNineTicketsOverThreeAgentsThreeEach() {
        List<AgentCandidate> team = List.of(agent("a", 0, 50, "en"), agent("b", 0, 50, "en"), agent("c", 0, 50, "en"));

        assertThat(distribute(Strategy.ROUND_ROBIN, team, "en", 9)).isEqualTo(Map.of("a", 3L, "b", 3L, "c", 3L));
    }

    @Test
    void shouldTakeTheNextAgentAfterTheCursorInIdOrderAndWrapAround() {
        List<AgentCandidate> team = List.of(agent("c", 0, 5), agent("a", 0, 5), agent("b", 0, 5));

        assertThat(selector.select(Strategy.ROUND_ROBIN, team, null, null).agentId())
                .contains("a");
        assertThat(selector.select(Strategy.ROUND_ROBIN, team, null, "a").agentId())
                .contains("b");
        assertThat(selector.select(Strategy.ROUND_ROBIN, team, null, "c").agentId())
                .contains("a");
    }

    @Test
    void shouldContinueAfterACursorWhoseAgentLeftTheTeam() {
        List<AgentCandidate> team = List.of(agent("a", 0, 5), agent("c", 0, 5));

        assertThat(selector.select(Strategy.ROUND_ROBIN, team, null, "b").agentId())
                .contains("c");
    }

    @Test
    void shouldPreferAgentsWhoSpeakTheCustomersLanguage() {
        List<AgentCandidate> team = List.of(
                agent("a", 0, 50, "en"),
                agent("b", 0, 50, "en", "de"),
                agent("c", 0, 50, "en"),
                agent("d", 0, 50, "de"));

        assertThat(distribute(Strategy.ROUND_ROBIN, team, "de", 6)).isEqualTo(Map.of("b", 3L, "d", 3L));
        Selection selection = selector.select(Strategy.ROUND_ROBIN, team, "de", null);
        assertThat(selection.explanation()).isEqualTo("agent chosen round-robin among de speakers");
    }

    @Test
    void shouldMatchLanguagesByPrimaryTagIgnoringCase() {
        List<AgentCandidate> team = List.of(agent("a", 0, 5, "en"), agent("b", 0, 5, "DE"));

        assertThat(selector.select(Strategy.ROUND_ROBIN, team, "de-CH", null).agentId())
                .contains("b");
        assertThat(selector.select(Strategy.ROUND_ROBIN, team, "de_AT", "b").agentId())
                .contains("b");
    }

    @Test
    void shouldUseTheWholeTeamWhenNobodySpeaksTheLanguage() {
        List<AgentCandidate> team = List.of(agent("a", 0, 5, "en"), agent("b", 0, 5, "en", "fr"));

        Selection selection = selector.select(Strategy.ROUND_ROBIN, team, "ja", "a");
        assertThat(selection.agentId()).contains("b");
        assertThat(selection.explanation()).isEqualTo("agent chosen round-robin (no ja speaker in the team)");
        assertThat(selector.select(Strategy.ROUND_ROBIN, team, null, "a").explanation())
                .isEqualTo("agent chosen round-robin");
    }

    @Test
    void shouldSkipAgentsAtCapacity() {
        List<AgentCandidate> team = List.of(agent("a", 0, 5), agent("b", 5, 5), agent("c", 1, 5));

        assertThat(selector.select(Strategy.ROUND_ROBIN, team, null, "a").agentId())
                .contains("c");
        assertThat(distribute(Strategy.ROUND_ROBIN, team, null, 4)).doesNotContainKey("b");
    }

    @Test
    void shouldFallBackToOtherAgentsWhenEverySpeakerIsAtCapacity() {
        List<AgentCandidate> team = List.of(agent("a", 2, 2, "de"), agent("b", 0, 5, "en"), agent("c", 3, 5, "en"));

        Selection selection = selector.select(Strategy.ROUND_ROBIN, team, "de", null);
        assertThat(selection.agentId()).contains("b");
        assertThat(selection.explanation())
                .isEqualTo(
                        "agent chosen round-robin among agents with spare capacity (every de speaker is at capacity)");
    }

    @Test
    void shouldStillAssignTheLeastLoadedWhenEveryAgentIsAtCapacity() {
        List<AgentCandidate> team = List.of(agent("a", 7, 5, "en"), agent("b", 6, 5, "de"), agent("c", 9, 5, "en"));

        Selection selection = selector.select(Strategy.ROUND_ROBIN, team, "en", "a");
        assertThat(selection.agentId()).contains("b");
        assertThat(selection.explanation()).isEqualTo("every agent is at capacity; agent chosen least loaded (6 open)");
    }

    @Test
    void shouldChooseTheLeastLoadedAgentAndRotateAmongEquals() {
        List<AgentCandidate> team = List.of(agent("a", 4, 10), agent("b", 1, 10), agent("c", 1, 10));

        assertThat(selector.select(Strategy.LEAST_LOADED, team, null, null).agentId())
                .contains("b");
        assertThat(selector.select(Strategy.LEAST_LOADED, team, null, "b").agentId())
                .contains("c");
        assertThat(selector.select(Strategy.LEAST_LOADED, team, null, null).explanation())
                .isEqualTo("agent chosen least loaded");
    }

    @Test
    void shouldEvenOutLoadWithLeastLoaded() {
        List<AgentCandidate> team = List.of(agent("a", 3, 50), agent("b", 0, 50), agent("c", 1, 50));

        Map<String, Long> added = distribute(Strategy.LEAST_LOADED, team, null, 5);
        Map<String, Long> total = new HashMap<>();
        team.forEach(a -> total.put(a.id(), a.openAssignments() + added.getOrDefault(a.id(), 0L)));
        assertThat(total).isEqualTo(Map.of("a", 3L, "b", 3L, "c", 3L));
    }

    @Test
    void shouldPreferSpeakersWithLeastLoaded() {
        List<AgentCandidate> team = List.of(agent("a", 0, 10, "en"), agent("b", 4, 10, "fr"), agent("c", 6, 10, "fr"));

        Selection selection = selector.select(Strategy.LEAST_LOADED, team, "fr", null);
        assertThat(selection.agentId()).contains("b");
        assertThat(selection.explanation()).isEqualTo("agent chosen least loaded among fr speakers");
    }

    @Test
    void shouldLeaveTheTicketInTheTeamQueueWhenTheTeamHasNoActiveAgent() {
        Selection selection = selector.select(Strategy.ROUND_ROBIN, List.of(), "en", "a");

        assertThat(selection.agent()).isEmpty();
        assertThat(selection.explanation()).contains("team queue");
    }
}
