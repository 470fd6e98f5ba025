package io.ticketsuite.triage.classifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * The one analyzer used for ticket text <em>and</em> for the terms of the rule pack, so that both
 * sides meet in the same normalised form.
 *
 * <p>Chain (typographic apostrophes are first mapped to {@code '} by {@link #analyze}, a cheap
 * string replace only when one occurs, instead of a char filter on every call): {@link
 * StandardTokenizer} (Unicode
 * word breaks) &rarr; {@link LowerCaseFilter} &rarr; {@link ASCIIFoldingFilter} &rarr; {@link
 * EnglishPossessiveFilter} &rarr; {@link StopMarkerFilter} (Lucene's English stop set) &rarr;
 * {@link SetKeywordMarkerFilter} (the pack's stem exclusions) &rarr; {@link PorterStemFilter}.
 * Porter stemming conflates word families ("charge", "charged", "charges", "charging" &rarr; {@code
 * charg}); the few words it would wrongly merge ("integrity" with "integration", "customer" with
 * "customize") are excluded from stemming by the rule pack.
 *
 * <p>Stop words are <em>marked</em> (type {@link #STOP_TYPE}, not stemmed) rather than removed:
 * single-term scoring and the negation window ignore them, but phrases such as "how to" or "log
 * in" still match token by token, and the negation cues "no"/"not" (which the English stop list
 * contains) stay visible.
 *
 * <p>Thread-safe: Lucene's default per-thread reuse strategy gives each thread its own tokenizer
 * chain.
 */
public final class TicketAnalyzer extends Analyzer {

    /** Token type given to stop words. */
    public static final String STOP_TYPE = "<STOP>";

    /** Human-readable description of the chain, reported by the tools and the README. */
    public static final String DESCRIPTION = "StandardTokenizer > LowerCase > ASCIIFolding > EnglishPossessive"
            + " > stop-word marking (Lucene English stop set) > stem exclusions > PorterStem";

    private final CharArraySet stopWords;
    private final CharArraySet stemExclusions;

    /** Lucene's English stop set, no stem exclusions. */
    public TicketAnalyzer() {
        this(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, CharArraySet.EMPTY_SET);
    }

    /**
     * @param stopWords lower-case stop words to mark
     * @param stemExclusions lower-case words the stemmer must leave alone
     */
    public TicketAnalyzer(CharArraySet stopWords, CharArraySet stemExclusions) {
        this.stopWords = CharArraySet.unmodifiableSet(CharArraySet.copy(stopWords));
        this.stemExclusions = CharArraySet.unmodifiableSet(CharArraySet.copy(stemExclusions));
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream result = new LowerCaseFilter(source);
        result = new ASCIIFoldingFilter(result);
        result = new EnglishPossessiveFilter(result);
        result = new StopMarkerFilter(result, stopWords);
        if (!stemExclusions.isEmpty()) {
            result = new SetKeywordMarkerFilter(result, stemExclusions);
        }
        result = new PorterStemFilter(result);
        return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }

    static String normaliseApostrophes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u2019' || c == '\u2018' || c == '\u02bc') {
                return text.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u02bc', '\'');
            }
        }
        return text;
    }

    /** Analyses {@code text} (null is treated as empty) into a token sequence. */
    TokenSequence analyze(String field, String text) {
        String source = normaliseApostrophes(text == null ? "" : text);
        TokenSequence.Builder out = new TokenSequence.Builder(source);
        if (source.isEmpty()) {
            return out.build();
        }
        try (TokenStream stream = tokenStream(field, source)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            TypeAttribute type = stream.addAttribute(TypeAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString(), STOP_TYPE.equals(type.type()), offset.startOffset(), offset.endOffset());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing in-memory text failed", e);
        }
        return out.build();
    }
}
