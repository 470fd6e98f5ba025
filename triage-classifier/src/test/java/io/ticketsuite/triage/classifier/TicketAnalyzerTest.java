package io.ticketsuite.triage.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.junit.jupiter.api.Test;

class TicketAnalyzerTest {

    private final TicketAnalyzer analyzer = new TicketAnalyzer();

    @Test
    void shouldStemWordFamiliesToOneToken() {
        TokenSequence seq = analyzer.analyze("body", "charge charged charges charging");

        assertThat(seq.terms()).containsOnly("charg");
    }

    @Test
    void shouldMarkStopWordsWithoutRemovingOrStemmingThem() {
        TokenSequence seq = analyzer.analyze("body", "How to export this");

        assertThat(seq.terms()).containsExactly("how", "to", "export", "this");
        assertThat(seq.stop[1]).isTrue();
        assertThat(seq.stop[3]).isTrue();
        assertThat(seq.stop[2]).isFalse();
    }

    @Test
    void shouldLowerCaseFoldAccentsAndNormaliseApostrophes() {
        TokenSequence seq = analyzer.analyze("body", "Café ISN\u2019T Ready");

        assertThat(seq.terms()).containsExactly("cafe", "isn't", "readi");
        assertThat(seq.surface(0, 3)).isEqualTo("Café ISN'T Ready");
    }

    @Test
    void shouldLeaveStemExclusionsAlone() {
        TicketAnalyzer withExclusions = new TicketAnalyzer(
                EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, new CharArraySet(java.util.List.of("integrity"), true));

        assertThat(analyzer.analyze("body", "integrity integration").terms()).containsExactly("integr", "integr");
        assertThat(withExclusions.analyze("body", "integrity integration").terms())
                .containsExactly("integrity", "integr");
    }

    @Test
    void shouldRecordClauseBreaks() {
        TokenSequence seq = analyzer.analyze("body", "not billing, crash. next\nline");

        assertThat(seq.clauseBreakBefore).startsWith(false, false, true, true, true);
    }

    @Test
    void shouldAnalyseEmptyAndNullText() {
        assertThat(analyzer.analyze("body", null).size).isZero();
        assertThat(analyzer.analyze("body", "   ").size).isZero();
    }
}
