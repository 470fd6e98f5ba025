package io.ticketsuite.triage.classifier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiled dictionary of single analysed terms and multi-token phrases, each owned by a category
 * or a signal group. Scanning a {@link TokenSequence} yields {@link Hit}s, longest phrase first,
 * honouring the {@link Negation} rules. Immutable after construction, so safe to share.
 */
final class Lexicon {

    /** One rule-pack entry: who owns it, how it was written, its analysed key, its weight. */
    record Entry(String owner, String source, String key, double weight) {}

    /** One occurrence of an entry in a text field. */
    record Hit(Entry entry, String field, String surface, boolean negated, String cue) {}

    private record Phrase(String[] tokens, List<Entry> entries) {}

    private final Map<String, List<Entry>> terms;
    private final Map<String, List<Phrase>> phrasesByFirstToken;

    private Lexicon(Map<String, List<Entry>> terms, Map<String, List<Phrase>> phrasesByFirstToken) {
        this.terms = terms;
        this.phrasesByFirstToken = phrasesByFirstToken;
    }

    int size() {
        int n = 0;
        for (List<Entry> e : terms.values()) {
            n += e.size();
        }
        for (List<Phrase> ps : phrasesByFirstToken.values()) {
            for (Phrase p : ps) {
                n += p.entries().size();
            }
        }
        return n;
    }

    /** Appends the hits of this lexicon in {@code seq} to {@code out}. */
    void scan(TokenSequence seq, String field, Negation negation, List<Hit> out) {
        int negationLeft = 0;
        String cue = null;
        int i = 0;
        while (i < seq.size) {
            if (seq.clauseBreakBefore[i]) {
                negationLeft = 0;
            }
            String token = seq.terms[i];
            Phrase phrase = longestPhraseAt(seq, i);
            boolean isCue = negation.isCue(token);
            if (phrase != null) {
                // a phrase that itself starts with a cue ("no access") is evidence, not a negation
                boolean negated = negationLeft > 0 && !isCue;
                int length = phrase.tokens().length;
                String surface = seq.surface(i, i + length);
                for (Entry entry : phrase.entries()) {
                    out.add(new Hit(entry, field, surface, negated, negated ? cue : null));
                }
                for (int k = i; k < i + length && negationLeft > 0; k++) {
                    if (!seq.stop[k]) {
                        negationLeft--;
                    }
                }
                i += length;
                continue;
            }
            if (isCue) {
                boolean suppressed = i > 0 && !seq.clauseBreakBefore[i] && negation.isSuppressor(seq.terms[i - 1]);
                if (!suppressed) {
                    negationLeft = negation.window();
                    cue = seq.surface(i, i + 1);
                }
                i++;
                continue;
            }
            if (seq.stop[i]) {
                i++;
                continue;
            }
            if (negationLeft > 0 && negation.isScopeBreaker(token)) {
                negationLeft = 0;
            }
            List<Entry> entries = terms.get(token);
            if (entries != null) {
                boolean negated = negationLeft > 0;
                String surface = seq.surface(i, i + 1);
                for (Entry entry : entries) {
                    out.add(new Hit(entry, field, surface, negated, negated ? cue : null));
                }
            }
            if (negationLeft > 0) {
                negationLeft--;
            }
            i++;
        }
    }

    private Phrase longestPhraseAt(TokenSequence seq, int i) {
        List<Phrase> candidates = phrasesByFirstToken.get(seq.terms[i]);
        if (candidates == null) {
            return null;
        }
        outer:
        for (Phrase p : candidates) { // sorted longest first
            String[] tokens = p.tokens();
            if (i + tokens.length > seq.size) {
                continue;
            }
            for (int k = 1; k < tokens.length; k++) {
                if (seq.clauseBreakBefore[i + k] || !tokens[k].equals(seq.terms[i + k])) {
                    continue outer;
                }
            }
            return p;
        }
        return null;
    }

    /** Collects entries; analysis and validation happen in {@link RulePackLoader}. */
    static final class Builder {
        private final Map<String, List<Entry>> terms = new HashMap<>();
        private final Map<String, List<Entry>> phrases = new HashMap<>();
        private final Map<String, String[]> phraseTokens = new HashMap<>();

        /**
         * Adds an entry whose analysed tokens are {@code tokens}. Returns the source text of an
         * existing entry of the same owner with the same analysed key, or null when the key is new
         * for that owner.
         */
        String add(String owner, String source, String[] tokens, double weight) {
            String key = String.join(" ", tokens);
            Map<String, List<Entry>> target = tokens.length == 1 ? terms : phrases;
            List<Entry> list = target.computeIfAbsent(key, k -> new ArrayList<>(2));
            for (Entry e : list) {
                if (e.owner().equals(owner)) {
                    return e.source();
                }
            }
            list.add(new Entry(owner, source, key, weight));
            if (tokens.length > 1) {
                phraseTokens.putIfAbsent(key, tokens.clone());
            }
            return null;
        }

        Lexicon build() {
            Map<String, List<Entry>> t = new HashMap<>();
            terms.forEach((k, v) -> t.put(k, List.copyOf(v)));
            Map<String, List<Phrase>> p = new HashMap<>();
            phrases.forEach((k, v) -> {
                String[] tokens = phraseTokens.get(k);
                p.computeIfAbsent(tokens[0], x -> new ArrayList<>()).add(new Phrase(tokens, List.copyOf(v)));
            });
            Map<String, List<Phrase>> sorted = new HashMap<>();
            p.forEach((k, v) -> {
                v.sort(Comparator.comparingInt((Phrase ph) -> -ph.tokens().length)
                        .thenComparing(ph -> String.join(" ", ph.tokens())));
                sorted.put(k, List.copyOf(v));
            });
            return new Lexicon(Map.copyOf(t), Map.copyOf(sorted));
        }
    }
}
