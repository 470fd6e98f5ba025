package io.ticketsuite.triage.classifier;

import java.io.IOException;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Marks stop words instead of removing them: the token keeps its position, gets type {@link
 * TicketAnalyzer#STOP_TYPE}, and is flagged as a keyword so the stemmer leaves it alone.
 */
final class StopMarkerFilter extends TokenFilter {

    private final CharArraySet stopWords;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);

    StopMarkerFilter(TokenStream input, CharArraySet stopWords) {
        super(input);
        this.stopWords = stopWords;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        if (stopWords.contains(term.buffer(), 0, term.length())) {
            keyword.setKeyword(true);
            type.setType(TicketAnalyzer.STOP_TYPE);
        }
        return true;
    }
}
