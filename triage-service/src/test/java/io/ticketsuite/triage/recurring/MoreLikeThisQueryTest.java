package io.ticketsuite.triage.recurring;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.triage.classifier.TicketAnalyzer;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;

/**
 * {@link RecurringIndex#like} builds the query MoreLikeThis builds for the same text on the same index: the same terms
 * in the same order with the same boosts, ties between equal scores included, on an index of many small segments (one
 * per ticket, as the recurring service adds them).
 */
class MoreLikeThisQueryTest {
    private static final String[] WORDS = {
        "invoice",
        "refund",
        "charged",
        "twice",
        "login",
        "password",
        "reset",
        "email",
        "webhook",
        "signature",
        "calendar",
        "sync",
        "duplicate",
        "meeting",
        "export",
        "report",
        "timeout",
        "dashboard",
        "error",
        "mobile",
        "app",
        "crash",
        "upload",
        "attachment",
        "printer",
        "kiosk",
        "barcode",
        "scanner",
        "api",
        "token",
        "expired",
        "the",
        "a",
        "and",
        "please",
        "help",
        "we",
        "our",
        "is",
        "x",
        "q",
        "since",
        "again"
    };

    @Test
    void shouldBuildMoreLikeThisQueryTermForTermWithItsBoosts() throws Exception {
        Random random = new Random(42);
        int compared = 0;
        try (RecurringIndex index =
                new RecurringIndex(new TicketAnalyzer(), EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, 25)) {
            for (int i = 0; i < 150; i++) {
                // repeated words (term frequency above 1), stop words, noise words and one-letter words included
                StringBuilder text = new StringBuilder();
                int length = 3 + random.nextInt(40);
                for (int w = 0; w < length; w++) {
                    text.append(WORDS[random.nextInt(WORDS.length)]).append(w % 9 == 8 ? ".\n" : " ");
                }
                index.add(UUID.randomUUID(), text.toString(), Instant.parse("2026-11-29T12:00:00Z"));
                IndexSearcher searcher = index.searcher();
                IndexReader reader = searcher.getIndexReader();
                Query ours = index.like(searcher, text.toString());
                Query theirs = index.moreLikeThis(reader).like(RecurringIndex.TEXT, new StringReader(text.toString()));

                assertThat(clauses(ours)).as("ticket %d: %s", i, text).isEqualTo(clauses(theirs));
                compared += clauses(ours).size();
            }
        }
        assertThat(compared).as("terms compared").isGreaterThan(1500);
    }

    /** Each clause as "term^boost" (the boost's exact float bits). */
    private static List<String> clauses(Query query) {
        List<String> out = new ArrayList<>();
        for (BooleanClause clause : ((BooleanQuery) query).clauses()) {
            assertThat(clause.getOccur()).isEqualTo(BooleanClause.Occur.SHOULD);
            BoostQuery boosted = (BoostQuery) clause.getQuery();
            TermQuery term = (TermQuery) boosted.getQuery();
            out.add(term.getTerm().text() + "^" + Float.floatToIntBits(boosted.getBoost()));
        }
        return out;
    }
}
