package io.ticketsuite.triage.classifier;

import java.util.Arrays;

/**
 * The analysed tokens of one text field, with their offsets into the original text and whether a
 * clause boundary (punctuation or a line break) precedes them. Package-private, effectively
 * immutable once built.
 */
final class TokenSequence {

    final String text;
    final String[] terms;
    final boolean[] stop;
    final boolean[] clauseBreakBefore;
    final int[] start;
    final int[] end;
    final int size;

    private TokenSequence(Builder b) {
        this.text = b.text;
        this.size = b.size;
        this.terms = b.terms;
        this.stop = b.stop;
        this.clauseBreakBefore = b.clauseBreakBefore;
        this.start = b.start;
        this.end = b.end;
    }

    /** Original text covered by tokens {@code from} (inclusive) to {@code to} (exclusive). */
    String surface(int from, int to) {
        return text.substring(start[from], end[to - 1]);
    }

    /** The analysed tokens, for tests and diagnostics. */
    String[] terms() {
        return Arrays.copyOf(terms, size);
    }

    static boolean isClauseBreak(char c) {
        switch (c) {
            case '.':
            case ',':
            case ';':
            case ':':
            case '!':
            case '?':
            case '\n':
            case '\r':
            case '(':
            case ')':
            case '[':
            case ']':
            case '|':
                return true;
            default:
                return false;
        }
    }

    static final class Builder {
        private final String text;
        private String[] terms = new String[32];
        private boolean[] stop = new boolean[32];
        private boolean[] clauseBreakBefore = new boolean[32];
        private int[] start = new int[32];
        private int[] end = new int[32];
        private int size;
        private int previousEnd;

        Builder(String text) {
            this.text = text;
        }

        void add(String term, boolean isStop, int startOffset, int endOffset) {
            if (size == terms.length) {
                int n = size * 2;
                terms = Arrays.copyOf(terms, n);
                stop = Arrays.copyOf(stop, n);
                clauseBreakBefore = Arrays.copyOf(clauseBreakBefore, n);
                start = Arrays.copyOf(start, n);
                end = Arrays.copyOf(end, n);
            }
            boolean brk = false;
            int upTo = Math.min(startOffset, text.length());
            for (int i = previousEnd; i < upTo; i++) {
                if (isClauseBreak(text.charAt(i))) {
                    brk = true;
                    break;
                }
            }
            terms[size] = term;
            stop[size] = isStop;
            clauseBreakBefore[size] = brk;
            start[size] = startOffset;
            end[size] = endOffset;
            size++;
            previousEnd = Math.max(previousEnd, endOffset);
        }

        TokenSequence build() {
            return new TokenSequence(this);
        }
    }
}
