package io.ticketsuite.triage.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.triage.TriageDecision;
import io.ticketsuite.triage.classifier.Classification;
import io.ticketsuite.triage.classifier.RulePack;
import io.ticketsuite.triage.classifier.TicketClassifier;
import io.ticketsuite.triage.rest.dto.TriageDecisionResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Classification → stored decision → ticket.triaged and API responses, without a container. */
class TriageMapperTest {
    private static final TicketClassifier CLASSIFIER = new TicketClassifier(RulePack.loadDefault());
    private static final Instant NOW = Instant.parse("2026-01-05T10:15:30.123456Z");

    private static Classification billing() {
        return CLASSIFIER.classify(
                "Charged twice on my invoice", "Please refund one of the two payments.", "ENTERPRISE");
    }

    @Test
    void shouldWriteTheExplanationAsSnakeCaseJsonData() {
        Map<String, Object> explanation = TriageMapper.explanation(billing().explanation());

        assertThat(explanation)
                .containsEntry("rule_pack_version", io.ticketsuite.triage.TicketSamples.PACK_VERSION)
                .containsKeys("scores", "matched_terms", "negated_terms", "tie_break", "category_rule", "priority");
        assertThat(explanation.get("matched_terms")).isInstanceOf(List.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> firstMatch = ((List<Map<String, Object>>) explanation.get("matched_terms")).get(0);
        assertThat(firstMatch).containsKeys("category", "term", "field", "matched_text", "count", "weight");
        @SuppressWarnings("unchecked")
        Map<String, Object> priority = (Map<String, Object>) explanation.get("priority");
        assertThat(priority).containsEntry("customer_tier", "ENTERPRISE").containsEntry("tier_adjustment", 1);
    }

    @Test
    void shouldAnnounceTheStoredDecisionAsTicketTriaged() {
        UUID ticketId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        Classification classification = billing();

        TriageDecision decision = TriageMapper.decision(ticketId, classification, "ENTERPRISE", NOW, eventId, "s", "d");
        TicketTriaged triaged = TriageMapper.triaged(decision);

        assertThat(decision.rulePackVersion).isEqualTo(io.ticketsuite.triage.TicketSamples.PACK_VERSION);
        assertThat(decision.sourceEventId).isEqualTo(eventId);
        assertThat(triaged.ticketId()).isEqualTo(ticketId);
        assertThat(triaged.category()).isEqualTo("billing");
        assertThat(triaged.priority()).isEqualTo(Priority.valueOf(classification.priority()));
        assertThat(triaged.confidence()).isEqualTo(classification.confidence());
        assertThat(triaged.rulePackVersion()).isEqualTo(io.ticketsuite.triage.TicketSamples.PACK_VERSION);
        assertThat(triaged.triagedAt()).isEqualTo(NOW);
        assertThat(triaged.explanation()).isEqualTo(TriageMapper.explanation(classification.explanation()));
    }

    @Test
    void shouldPublishAnEventThatConsumersReadBackUnchanged() {
        TicketTriaged triaged = TriageMapper.triaged(
                TriageMapper.decision(UUID.randomUUID(), billing(), "ENTERPRISE", NOW, UUID.randomUUID(), "s", "d"));
        EventEnvelope<TicketTriaged> envelope = EventEnvelope.of("triage-service", triaged, NOW);

        TicketTriaged read = (TicketTriaged) EventCodec.decode(EventCodec.headers(envelope), EventCodec.toJson(triaged))
                .data();

        assertThat(read).isEqualTo(triaged);
    }

    @Test
    void shouldShowTheStoredExplanationInTheResponse() {
        UUID ticketId = UUID.randomUUID();
        TriageDecision decision =
                TriageMapper.decision(ticketId, billing(), "ENTERPRISE", NOW, UUID.randomUUID(), "s", "d");

        TriageDecisionResponse response = TriageMapper.toResponse(decision);

        assertThat(response.ticketId()).isEqualTo(ticketId);
        assertThat(response.customerTier()).isEqualTo("ENTERPRISE");
        assertThat(response.decidedAt()).isEqualTo(NOW);
        assertThat(response.explanation())
                .containsEntry("rule_pack_version", io.ticketsuite.triage.TicketSamples.PACK_VERSION);
        assertThat(response.explanation()).isEqualTo(TriageMapper.fromJson(decision.explanation));
    }
}
