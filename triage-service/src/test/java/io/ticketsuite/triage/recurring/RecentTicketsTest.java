package io.ticketsuite.triage.recurring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ticketsuite.triage.classifier.TicketAnalyzer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.junit.jupiter.api.Test;

/**
 * The index opens a reader every few tickets and scores the tickets added since itself: its answers must be those of
 * an index that opens a reader for every ticket (the same matches, in the same order, the same similarity and shared
 * terms), through replaced tickets, evictions, empty texts and tickets outside the window.
 */
class RecentTicketsTest {
    private static final Instant NOW = RecurringIndexTest.NOW;

    /** Sentences the generated tickets are made of: a few topics, so that many tickets are alike and many are not. */
    private static final List<String> SENTENCES = Stream.concat(
                    Stream.concat(RecurringIndexTest.PARAPHRASES.stream(), RecurringIndexTest.UNRELATED.stream())
                            .flatMap(text -> Stream.of(text.split("\n"))),
                    Stream.of(
                            "The export to CSV stops at ten thousand rows.",
                            "Our single sign-on login loops back to the identity provider.",
                            "The mobile app crashes when I open an attachment.",
                            "Invoices for last quarter show the wrong VAT rate.",
                            "Search results are empty for words with accents.",
                            "The API returns 429 too many requests during our nightly sync."))
            .toList();

    private final Random random = new Random(42);

    private String ticket() {
        StringBuilder text = new StringBuilder();
        int sentences = 1 + random.nextInt(3);
        for (int i = 0; i < sentences; i++) {
            text.append(SENTENCES.get(random.nextInt(SENTENCES.size()))).append(i == 0 ? "\n" : " ");
        }
        // and a reference or two, so that two tickets rarely score exactly alike (equal scores rank in document
        // order, which Lucene's merges do not keep, so an index's 50 best could differ among equals)
        for (int i = 0; i <= random.nextInt(2); i++) {
            text.append(" ref").append(Integer.toString(random.nextInt(500), 36));
        }
        return text.toString();
    }

    /**
     * Exactly the same answers while tickets are only added (with empty texts and tickets outside the window among
     * them). Replacing or evicting tickets is left out here: Lucene's statistics count a deleted document until a merge
     * drops it, which happens in the background, so no two indexes agree to the last digit after deletions; see the
     * next test for what must hold then.
     */
    @Test
    void shouldAnswerAsAnIndexThatOpensAReaderForEveryTicket() {
        Instant from = NOW.minus(Duration.ofDays(7));
        int matched = 0;
        try (RecurringIndex eager = index(1);
                RecurringIndex batched = index(RecurringIndex.RECENT_LIMIT);
                RecurringIndex small = index(7)) {
            for (int n = 0; n < 400; n++) {
                UUID id = UUID.randomUUID();
                String text = n % 97 == 5 ? "" : ticket();
                Instant created =
                        n % 61 == 7 ? from.minus(Duration.ofHours(1)) : NOW.minus(Duration.ofMinutes(400 - n));
                for (RecurringIndex index : List.of(eager, batched, small)) {
                    index.add(id, text, created);
                }
                List<RecurringIndex.Match> expected = eager.similar(id, text, from, 0.35, 2);
                for (RecurringIndex index : List.of(batched, small)) {
                    List<RecurringIndex.Match> actual = index.similar(id, text, from, 0.35, 2);
                    // equal similarities (tickets made of the same sentences) come in document order, which
                    // Lucene's merges do not keep: compare each match, not their order among equals
                    assertThat(byTicket(actual).keySet())
                            .as("ticket %d", n)
                            .isEqualTo(byTicket(expected).keySet());
                    for (RecurringIndex.Match want : expected) {
                        RecurringIndex.Match got = byTicket(actual).get(want.ticketId());
                        assertThat(got.similarity()).as("ticket %d", n).isCloseTo(want.similarity(), within(1e-6));
                        assertThat(got.sharedTerms()).as("ticket %d", n).isEqualTo(want.sharedTerms());
                    }
                }
                matched += expected.size();
            }
            assertThat(batched.size())
                    .isEqualTo(eager.size())
                    .isEqualTo(small.size())
                    .isEqualTo(400);
        }
        // the comparison is not of empty answers: the generated tickets repeat topics, so most have matches
        assertThat(matched).isGreaterThan(2_000);
    }

    /**
     * A ticket added again with another text is found by its new text and no longer by its old one, whether it was
     * still among the recent tickets or already in the reader; an evicted ticket is never found again.
     */
    @Test
    void shouldForgetAReplacedTextAndAnEvictedTicketWhetherRecentOrInTheReader() {
        Instant from = NOW.minus(Duration.ofDays(7));
        String outlook = RecurringIndexTest.PARAPHRASES.get(0);
        String password = RecurringIndexTest.UNRELATED.get(0);
        try (RecurringIndex index = index(RecurringIndex.RECENT_LIMIT)) {
            for (int n = 0; n < 2 * RecurringIndex.RECENT_LIMIT; n++) {
                index.add(UUID.randomUUID(), RecurringIndexTest.UNRELATED.get(1 + n % 4), NOW.minusSeconds(n + 10));
            }
            UUID inReader = UUID.randomUUID();
            index.add(inReader, outlook, NOW.minusSeconds(5));
            // enough tickets after it that a reader holding it has been opened
            for (int n = 0; n < RecurringIndex.RECENT_LIMIT + 1; n++) {
                index.add(UUID.randomUUID(), RecurringIndexTest.UNRELATED.get(1 + n % 4), NOW.minusSeconds(4));
            }
            UUID recentOne = UUID.randomUUID();
            index.add(recentOne, outlook, NOW.minusSeconds(3));
            UUID probe = UUID.randomUUID();
            index.add(probe, RecurringIndexTest.PARAPHRASES.get(1), NOW.minusSeconds(2));
            assertThat(ids(index.similar(probe, RecurringIndexTest.PARAPHRASES.get(1), from, 0.35, 2)))
                    .containsExactlyInAnyOrder(inReader, recentOne);

            index.add(inReader, password, NOW.minusSeconds(5));
            index.add(recentOne, password, NOW.minusSeconds(3));
            assertThat(ids(index.similar(probe, RecurringIndexTest.PARAPHRASES.get(1), from, 0.35, 2)))
                    .isEmpty();
            UUID other = UUID.randomUUID();
            String reset = "Password reset link never arrives\nNo password reset email came after three requests.";
            index.add(other, reset, NOW.minusSeconds(1));
            assertThat(ids(index.similar(other, reset, from, 0.35, 2))).containsExactlyInAnyOrder(inReader, recentOne);

            index.evictBefore(NOW.minusSeconds(4));
            assertThat(ids(index.similar(other, reset, from, 0.35, 2))).containsExactly(recentOne);
            assertThat(ids(index.similar(probe, RecurringIndexTest.PARAPHRASES.get(1), from, 0.35, 2)))
                    .isEmpty();
        }
    }

    /**
     * Tickets created before the window are left out until the eviction sweep deletes them, whether they are in the
     * reader or among the recent tickets (the search filters by the window only while the index holds such tickets).
     */
    @Test
    void shouldLeaveOutTicketsOlderThanTheWindowWhetherRecentOrInTheReader() {
        Instant from = NOW.minus(Duration.ofDays(7));
        List<String> paraphrases = RecurringIndexTest.PARAPHRASES;
        try (RecurringIndex index = index(RecurringIndex.RECENT_LIMIT)) {
            UUID oldInReader = UUID.randomUUID();
            index.add(oldInReader, paraphrases.get(0), NOW.minus(Duration.ofDays(8)));
            UUID inReader = UUID.randomUUID();
            index.add(inReader, paraphrases.get(1), NOW.minus(Duration.ofHours(1)));
            for (int n = 0; n < RecurringIndex.RECENT_LIMIT + 1; n++) {
                index.add(
                        UUID.randomUUID(), RecurringIndexTest.UNRELATED.get(n % 5), NOW.minus(Duration.ofMinutes(30)));
            }
            UUID oldRecent = UUID.randomUUID();
            index.add(oldRecent, paraphrases.get(2), NOW.minus(Duration.ofDays(9)));
            UUID probe = UUID.randomUUID();
            index.add(probe, paraphrases.get(3), NOW);

            assertThat(ids(index.similar(probe, paraphrases.get(3), from, 0.35, 2)))
                    .containsExactly(inReader);
            index.evictBefore(from);
            assertThat(ids(index.similar(probe, paraphrases.get(3), from, 0.35, 2)))
                    .containsExactly(inReader);
            // a wider window takes what is left in
            assertThat(ids(index.similar(probe, paraphrases.get(3), NOW.minus(Duration.ofDays(30)), 0.35, 2)))
                    .containsExactly(inReader);
        }
    }

    private static Map<UUID, RecurringIndex.Match> byTicket(List<RecurringIndex.Match> matches) {
        return matches.stream().collect(Collectors.toMap(RecurringIndex.Match::ticketId, m -> m));
    }

    private static List<UUID> ids(List<RecurringIndex.Match> matches) {
        return matches.stream().map(RecurringIndex.Match::ticketId).toList();
    }

    private static RecurringIndex index(int recentLimit) {
        return new RecurringIndex(new TicketAnalyzer(), EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, 25, recentLimit);
    }
}
