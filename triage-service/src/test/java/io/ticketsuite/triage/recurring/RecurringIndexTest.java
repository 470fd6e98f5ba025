package io.ticketsuite.triage.recurring;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.triage.classifier.TicketAnalyzer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** MoreLikeThis over the classifier's analysis: paraphrases of one problem are alike, unrelated tickets are not. */
class RecurringIndexTest {
    static final double MIN_SIMILARITY = 0.35;
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    static final List<String> PARAPHRASES = List.of(
            "Outlook calendar sync creates duplicate events\n"
                    + "Since yesterday every meeting synced to my Outlook calendar shows up twice.",
            "Duplicate meetings after calendar sync\n"
                    + "The Outlook sync duplicated all our calendar events, each meeting now appears two times.",
            "Calendar events duplicated in Outlook\n"
                    + "After syncing, our Outlook calendar has duplicate copies of each event and meeting.",
            "Outlook sync keeps duplicating calendar meetings\n"
                    + "Each calendar sync adds another duplicate of every meeting in Outlook.");

    static final List<String> UNRELATED = List.of(
            "Password reset email never arrives\nI requested a password reset link three times but no email came.",
            "Feature request: dark mode\nIt would be great to have a dark theme for the mobile app.",
            "Webhook signature mismatch\nOur webhook endpoint rejects your calls because the HMAC signature is wrong.",
            "Charged twice on my invoice\nMy card was charged twice for this month's subscription, please refund.",
            "The dashboard shows an error\nSince the last release the dashboard page fails to load with an error.");

    private final RecurringIndex index =
            new RecurringIndex(new TicketAnalyzer(), EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, 25);

    @AfterEach
    void close() {
        index.close();
    }

    private final Map<UUID, String> texts = new HashMap<>();

    private UUID add(String text, Instant created) {
        UUID id = UUID.randomUUID();
        index.add(id, text, created);
        texts.put(id, text);
        return id;
    }

    private List<RecurringIndex.Match> similar(UUID id) {
        return index.similar(id, texts.get(id), NOW.minus(Duration.ofDays(7)), MIN_SIMILARITY, 2);
    }

    @Test
    void shouldFindParaphrasesOfOneProblemWithTheTermsTheyShare() {
        UNRELATED.forEach(t -> add(t, NOW));
        UUID first = add(PARAPHRASES.get(0), NOW);
        UUID second = add(PARAPHRASES.get(1), NOW);

        List<RecurringIndex.Match> matches = similar(second);

        assertThat(matches).extracting(RecurringIndex.Match::ticketId).containsExactly(first);
        assertThat(matches.get(0).sharedTerms()).contains("outlook", "calendar", "sync", "duplic", "meet");
        assertThat(matches.get(0).similarity()).isBetween(MIN_SIMILARITY, 1.0);

        UUID third = add(PARAPHRASES.get(2), NOW);
        assertThat(similar(third)).extracting(RecurringIndex.Match::ticketId).containsExactlyInAnyOrder(first, second);
        UUID fourth = add(PARAPHRASES.get(3), NOW);
        assertThat(similar(fourth))
                .extracting(RecurringIndex.Match::ticketId)
                .containsExactlyInAnyOrder(first, second, third);
    }

    @Test
    void shouldFindNothingAlikeAmongUnrelatedTickets() {
        PARAPHRASES.subList(0, 1).forEach(t -> add(t, NOW));
        for (String text : UNRELATED) {
            UUID id = add(text, NOW);
            assertThat(similar(id)).as(text).isEmpty();
        }
    }

    @Test
    void shouldLeaveOutTicketsOlderThanTheWindowAndForgetThemOnEviction() {
        UUID old = add(PARAPHRASES.get(0), NOW.minus(Duration.ofDays(8)));
        UUID recent = add(PARAPHRASES.get(1), NOW);
        UUID fresh = add(PARAPHRASES.get(2), NOW);

        assertThat(similar(fresh))
                .extracting(RecurringIndex.Match::ticketId)
                .containsExactly(recent)
                .doesNotContain(old);
        index.evictBefore(NOW.minus(Duration.ofDays(7)));
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void shouldBeIdempotentWhenATicketIsAddedAgain() {
        UUID first = add(PARAPHRASES.get(0), NOW);
        index.add(first, PARAPHRASES.get(0), NOW);
        UUID second = add(PARAPHRASES.get(1), NOW);

        assertThat(index.size()).isEqualTo(2);
        assertThat(similar(second)).extracting(RecurringIndex.Match::ticketId).containsExactly(first);
    }

    @Test
    void shouldScoreAgainstTheTicketItselfWhenItIsNotAmongTheHits() {
        // 60 longer tickets that repeat the new ticket's words score above it, so the ticket is not among the 50
        // hits: its own score then comes from an explanation, and each of the 50 longer tickets matches in full
        String text = PARAPHRASES.get(0);
        for (int i = 0; i < 60; i++) {
            add(text + " " + text + " " + text, NOW);
        }
        UUID ticket = add(text, NOW);

        List<RecurringIndex.Match> matches = similar(ticket);

        assertThat(matches)
                .hasSize(50)
                .extracting(RecurringIndex.Match::similarity)
                .allSatisfy(similarity -> assertThat(similarity).isEqualTo(1.0));
        assertThat(matches).extracting(RecurringIndex.Match::ticketId).doesNotContain(ticket);
    }

    @Test
    void shouldAnalyseLikeTheClassifierLeavingOutStopAndNoiseWords() {
        assertThat(index.terms("Please, my invoices were charged twice!")).containsExactly("invoic", "charg", "twice");
        assertThat(new RecurringIndex(new TicketAnalyzer(), CharArraySet.EMPTY_SET, 5).terms("the"))
                .containsExactly("the");
    }

    @Test
    void keepsEachTicketsTermsSortedAndSharedBetweenTickets() {
        String[] first = RecurringIndex.compact(List.of(new String("reset"), new String("login")));
        String[] second = RecurringIndex.compact(List.of(new String("login")));
        assertThat(first).containsExactly("login", "reset");
        // one copy of a word for the whole window, however many tickets use it
        assertThat(second[0]).isSameAs(first[0]);
    }
}
