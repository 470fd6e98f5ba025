package io.ticketsuite.triage.recurring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermFrequencyAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexReaderContext;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.ClassicSimilarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.PriorityQueue;
import org.apache.lucene.util.SmallFloat;

/**
 * An in-process Lucene index of the recent tickets' texts, analysed by the classifier's analyzer, answering "which
 * recent tickets are like this one?" with {@link MoreLikeThis}: the new ticket's most interesting terms (tf × idf
 * over the recent tickets) become a weighted query; a recent ticket's similarity is its BM25 score for that query
 * divided by the new ticket's own score (the share of the query's weight it matches, capped at 1). Only the
 * database is durable: the index is rebuilt from {@code recurring_ticket} rows. Thread-safe (one lock).
 *
 * <p>A reader is opened every {@link #RECENT_LIMIT} tickets, not for each: a search scores the tickets added since
 * itself, as the reader would have, so the answers are those of a reader opened for each ticket (RecentTicketsTest).
 */
public final class RecurringIndex implements AutoCloseable {
    static final String ID = "id";
    static final String TEXT = "text";
    static final String CREATED = "created";
    /** The ticket id's two halves, as doc values: a hit's id is read without decompressing a stored-fields block. */
    private static final String ID_HIGH = "id_high";

    private static final String ID_LOW = "id_low";
    private static final int CANDIDATES = 50;
    /** Tickets added before a new reader is opened (see {@link #recent}). */
    static final int RECENT_LIMIT = 32;
    /**
     * The text's postings: documents and term frequencies, which is all BM25 and MoreLikeThis read (no positions).
     * Norms stay: BM25 normalises by the field's length.
     */
    private static final FieldType TEXT_TYPE = new FieldType(TextField.TYPE_NOT_STORED);

    static {
        TEXT_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        TEXT_TYPE.freeze();
    }

    private static final int MIN_WORD_LENGTH = 2;
    private static final ClassicSimilarity IDF = new ClassicSimilarity();

    /**
     * Words besides the analyzer's English stop set that say nothing about the issue (pronouns, greetings,
     * auxiliaries); left out of similarity only.
     */
    public static final List<String> NOISE = List.of(
            "i", "me", "my", "we", "us", "our", "you", "your", "he", "she", "his", "her", "hi", "hello", "dear",
            "thanks", "thank", "please", "regards", "can", "could", "would", "should", "have", "has", "had", "been",
            "were", "am", "do", "does", "did", "get", "got", "also", "just", "since", "when", "from", "after", "all",
            "some", "team", "support", "help", "issue", "problem", "again", "today", "still", "now", "every", "each",
            "any");

    /** A recent ticket like the new one: how much of the new ticket's query it matches and with which terms. */
    public record Match(UUID ticketId, double similarity, List<String> sharedTerms) {}

    private final Analyzer analyzer;
    private final CharArraySet ignored;
    private final int maxQueryTerms;
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    /** Each ticket's terms, sorted, canonical strings (see {@link #compact}). */
    private final Map<UUID, String[]> terms = new HashMap<>();

    private final Map<UUID, Long> created = new HashMap<>();
    /** At most the oldest creation instant (epoch ms) in the index: exact after an eviction, lower after a re-add. */
    private long oldest = Long.MAX_VALUE;

    private DirectoryReader reader;
    /**
     * The tickets added since {@link #reader} was opened, in the order added (they are in the writer, not yet in the
     * reader). A search scores them itself, with the statistics of the reader and of them together (see
     * {@link WithRecent}), so that a reader, and with it a segment, is opened every {@link #recentLimit} tickets
     * instead of for every ticket: each opening flushed a segment of one ticket, and merging those, opening them and
     * looking every query term up in each was half of what the similarity of a ticket cost.
     */
    private final LinkedHashMap<UUID, Recent> recent = new LinkedHashMap<>();

    private final int recentLimit;
    /** Set when a ticket in the reader was replaced or tickets were deleted: the next search opens a reader first. */
    private boolean stale;

    /** A ticket added since the reader was opened: what its indexed text holds, as the index would count it. */
    private record Recent(UUID id, Map<String, Integer> frequencies, long tokens, long norm, long created) {}

    /**
     * @param analyzer the classifier's analyzer (stop words marked, Porter stems)
     * @param stopWords the analyzer's stop words (left out of the query)
     */
    public RecurringIndex(Analyzer analyzer, CharArraySet stopWords, int maxQueryTerms) {
        this(analyzer, stopWords, maxQueryTerms, RECENT_LIMIT);
    }

    /** As above, opening a reader once {@code recentLimit} tickets were added since the last one (1: every ticket). */
    RecurringIndex(Analyzer analyzer, CharArraySet stopWords, int maxQueryTerms, int recentLimit) {
        if (recentLimit < 1) {
            throw new IllegalArgumentException("recentLimit must be at least 1, got " + recentLimit);
        }
        this.recentLimit = recentLimit;
        this.analyzer = analyzer;
        this.ignored = new CharArraySet(stopWords, false);
        for (String word : NOISE) {
            // the analysed form ("please" -> "pleas"), which is what the index holds
            this.ignored.addAll(analysed(analyzer, word));
        }
        this.maxQueryTerms = maxQueryTerms;
        try {
            // opening a reader writes a segment of the tickets added since the last one: in memory, one file per
            // part is cheaper than copying them into a compound file each time
            this.writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setUseCompoundFile(false));
            this.reader = DirectoryReader.open(writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> analysed(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The distinct analysed terms of a text that count for similarity, in text order. */
    public List<String> terms(String text) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(TEXT, text == null ? "" : text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (term.length() > 1 && !ignored.contains(term.buffer(), 0, term.length())) {
                    out.add(term.toString());
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    private static final String[] NONE = {};

    /**
     * A ticket's distinct terms as a sorted array of canonical ({@link String#intern interned}) strings: the window's
     * thousands of tickets repeat a vocabulary of a few thousand words. A set per ticket held a map entry and a string
     * copy per term: with 7,800 tickets in the window (100,000 of history) that was ~40 MB of triage's heap.
     */
    static String[] compact(List<String> words) {
        String[] out = new String[words.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = words.get(i).intern();
        }
        Arrays.sort(out);
        return out;
    }

    /** Adds or replaces a ticket (idempotent). */
    public synchronized void add(UUID ticketId, String text, Instant createdAt) {
        Document doc = new Document();
        doc.add(new StringField(ID, ticketId.toString(), Field.Store.NO));
        doc.add(new NumericDocValuesField(ID_HIGH, ticketId.getMostSignificantBits()));
        doc.add(new NumericDocValuesField(ID_LOW, ticketId.getLeastSignificantBits()));
        // the text is indexed, not stored: similarity is asked with the text at hand
        doc.add(new Field(TEXT, text == null ? "" : text, TEXT_TYPE));
        doc.add(new LongPoint(CREATED, createdAt.toEpochMilli()));
        try {
            writer.updateDocument(new Term(ID, ticketId.toString()), doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (recent.remove(ticketId) == null && terms.containsKey(ticketId)) {
            stale = true; // the reader holds the ticket's replaced version
        }
        if (stale || recent.size() >= recentLimit) {
            stale = true; // the next search opens a reader anyway (e.g. while the index is loaded from the database)
        } else {
            recent.put(ticketId, recent(ticketId, text == null ? "" : text, createdAt.toEpochMilli()));
        }
        terms.put(ticketId, compact(terms(text)));
        created.put(ticketId, createdAt.toEpochMilli());
        oldest = Math.min(oldest, createdAt.toEpochMilli());
    }

    /** Forgets the tickets created before {@code from}. */
    public synchronized void evictBefore(Instant from) {
        try {
            writer.deleteDocuments(LongPoint.newRangeQuery(CREATED, Long.MIN_VALUE, from.toEpochMilli() - 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long limit = from.toEpochMilli();
        recent.values().removeIf(r -> r.created() < limit);
        stale = true;
        created.entrySet().removeIf(e -> e.getValue() < limit);
        oldest = created.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
        terms.keySet().retainAll(created.keySet());
    }

    public synchronized int size() {
        return terms.size();
    }

    /**
     * The tickets created since {@code from} that are like the (already added) ticket whose text is {@code text},
     * most similar first, at least {@code minSimilarity} and sharing at least {@code minShared} terms; the ticket
     * itself is left out.
     *
     * <p>One pass of {@link MoreLikeThis} over the given text (the index does not store texts): its query's clauses
     * are the interesting terms, in MoreLikeThis's order. The ticket's own score, which a match's score is divided
     * by, is the ticket's hit in the same search (an explanation only when it is not among the hits).
     */
    public synchronized List<Match> similar(
            UUID ticketId, String text, Instant from, double minSimilarity, int minShared) {
        try {
            WithRecent searcher = new WithRecent(refreshedReader(false), List.copyOf(recent.values()));
            Query like = like(searcher, text == null ? "" : text);
            List<String> interesting = queryTerms(like);
            if (interesting.isEmpty()) {
                return List.of();
            }
            // the window's filter only when the index holds older tickets (the eviction sweep has not run since they
            // left it): a disjunction alone is searched with Lucene's top-k scoring, which skips most documents,
            // where in a conjunction with the filter it visited every document that has one of the terms
            Query query = oldest >= from.toEpochMilli()
                    ? like
                    : new BooleanQuery.Builder()
                            .add(like, BooleanClause.Occur.MUST)
                            .add(
                                    LongPoint.newRangeQuery(CREATED, from.toEpochMilli(), Long.MAX_VALUE),
                                    BooleanClause.Occur.FILTER)
                            .build();
            double selfScore = -1;
            List<Match> matches = new ArrayList<>();
            List<Float> others = new ArrayList<>();
            List<UUID> otherIds = new ArrayList<>();
            for (Map.Entry<UUID, Float> hit : candidates(searcher, query, like, from.toEpochMilli())) {
                if (ticketId.equals(hit.getKey())) {
                    selfScore = hit.getValue();
                } else {
                    others.add(hit.getValue());
                    otherIds.add(hit.getKey());
                }
            }
            Recent self = recent.get(ticketId);
            if (selfScore < 0 && self != null) {
                selfScore = searcher.scorer(like).score(self);
            }
            if (selfScore < 0) {
                TopDocs own = searcher.search(new TermQuery(new Term(ID, ticketId.toString())), 1);
                if (own.scoreDocs.length == 0) {
                    return List.of();
                }
                selfScore =
                        searcher.explain(like, own.scoreDocs[0].doc).getValue().doubleValue();
            }
            if (selfScore <= 0) {
                return List.of();
            }
            for (int i = 0; i < others.size(); i++) {
                UUID other = otherIds.get(i);
                double similarity = Math.min(1.0, others.get(i) / selfScore);
                String[] otherTerms = terms.getOrDefault(other, NONE);
                List<String> shared = interesting.stream()
                        .filter(term -> Arrays.binarySearch(otherTerms, term) >= 0)
                        .toList();
                if (similarity >= minSimilarity && shared.size() >= minShared) {
                    matches.add(new Match(other, similarity, shared));
                }
            }
            matches.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
            return matches;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The {@link #CANDIDATES} best tickets for the query, best first: the reader's hits and the recent tickets the
     * query matches, as one search over all of them would rank them (ties: the reader's in document order, then the
     * recent ones in the order added, which is the order of their documents once in a reader).
     */
    private List<Map.Entry<UUID, Float>> candidates(WithRecent searcher, Query query, Query like, long from)
            throws IOException {
        List<Map.Entry<UUID, Float>> out = new ArrayList<>();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        for (ScoreDoc hit : searcher.search(query, CANDIDATES).scoreDocs) {
            out.add(Map.entry(idOf(leaves, hit.doc), hit.score));
        }
        RecentScorer scorer = searcher.scorer(like);
        for (Recent r : searcher.recent) {
            if (r.created() >= from) {
                float score = scorer.score(r);
                if (score > 0) {
                    out.add(Map.entry(r.id(), score));
                }
            }
        }
        // stable: equal scores keep the order above
        out.sort((a, b) -> Float.compare(b.getValue(), a.getValue()));
        return out.size() > CANDIDATES ? out.subList(0, CANDIDATES) : out;
    }

    /** What the index will hold for a text: its terms' frequencies and its length (BM25's norm). */
    private Recent recent(UUID id, String text, long createdAt) {
        Map<String, Integer> frequencies = new HashMap<>();
        int length = 0;
        int overlaps = 0;
        try (TokenStream stream = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            TermFrequencyAttribute frequency = stream.addAttribute(TermFrequencyAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                frequencies.merge(term.toString(), frequency.getTermFrequency(), Integer::sum);
                length++;
                if (increment.getPositionIncrement() == 0) {
                    overlaps++;
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long tokens =
                frequencies.values().stream().mapToLong(Integer::longValue).sum();
        // BM25Similarity.computeNorm for a field with frequencies: its length without overlapping tokens
        return new Recent(id, frequencies, tokens, SmallFloat.intToByte4(length - overlaps), createdAt);
    }

    /**
     * A searcher over the reader whose statistics count the recent tickets too (as a reader holding them would): the
     * text's document count, length and term counts; {@link #like} adds their document frequencies to each term's.
     * {@link #scorer} scores a recent ticket as the reader's documents are scored (the searcher's BM25, its norm).
     * One per search: the statistics are taken once.
     */
    private static final class WithRecent extends IndexSearcher {
        final List<Recent> recent;

        WithRecent(IndexReader reader, List<Recent> recent) {
            super(reader);
            this.recent = recent;
        }

        private CollectionStatistics collection;
        private boolean collected;

        private CollectionStatistics withRecent(CollectionStatistics indexed) {
            if (recent.isEmpty()) {
                return indexed;
            }
            long maxDoc = recent.size();
            long docCount = 0;
            long sumTotalTermFreq = 0;
            long sumDocFreq = 0;
            for (Recent r : recent) {
                if (r.tokens() > 0) {
                    docCount++;
                    sumTotalTermFreq += r.tokens();
                    sumDocFreq += r.frequencies().size();
                }
            }
            if (indexed != null) {
                maxDoc += indexed.maxDoc();
                docCount += indexed.docCount();
                sumTotalTermFreq += indexed.sumTotalTermFreq();
                sumDocFreq += indexed.sumDocFreq();
            } else {
                maxDoc += getIndexReader().maxDoc();
            }
            return docCount == 0
                    ? null
                    : new CollectionStatistics(TEXT, maxDoc, docCount, sumTotalTermFreq, sumDocFreq);
        }

        int recentDocCount() {
            return (int) recent.stream().filter(r -> r.tokens() > 0).count();
        }

        /** Adds the recent tickets' document and total frequencies of a term to what the reader found. */
        void accumulate(String word, TermStates states) {
            int docFreq = 0;
            long totalTermFreq = 0;
            for (Recent r : recent) {
                Integer frequency = r.frequencies().get(word);
                if (frequency != null) {
                    docFreq++;
                    totalTermFreq += frequency;
                }
            }
            if (docFreq > 0) {
                states.accumulateStatistics(docFreq, totalTermFreq);
            }
        }

        /** Scores recent tickets for a query of {@link #like}. */
        RecentScorer scorer(Query like) throws IOException {
            List<String> words = new ArrayList<>();
            List<Similarity.SimScorer> scorers = new ArrayList<>();
            CollectionStatistics collection = collectionStatistics(TEXT);
            if (collection != null && like instanceof BooleanQuery bool) {
                for (BooleanClause clause : bool.clauses()) {
                    float boost = 1;
                    Query q = clause.getQuery();
                    if (q instanceof BoostQuery boosted) {
                        boost = boosted.getBoost();
                        q = boosted.getQuery();
                    }
                    if (q instanceof TermQuery termQuery) {
                        TermStates states = termQuery.getTermStates();
                        TermStatistics term =
                                termStatistics(termQuery.getTerm(), states.docFreq(), states.totalTermFreq());
                        words.add(termQuery.getTerm().text());
                        scorers.add(getSimilarity().scorer(boost, collection, term));
                    }
                }
            }
            return new RecentScorer(words, scorers);
        }

        @Override
        public CollectionStatistics collectionStatistics(String field) throws IOException {
            if (!TEXT.equals(field)) {
                return super.collectionStatistics(field);
            }
            if (!collected) {
                collection = withRecent(super.collectionStatistics(field));
                collected = true;
            }
            return collection;
        }
    }

    /**
     * A recent ticket's score for a query: the sum of its clauses' BM25 scores (0: no clause matches), each computed as
     * the reader's documents' are, from the ticket's term frequency and norm.
     */
    private record RecentScorer(List<String> words, List<Similarity.SimScorer> scorers) {
        float score(Recent r) {
            double sum = 0;
            boolean matched = false;
            for (int i = 0; i < words.size(); i++) {
                Integer frequency = r.frequencies().get(words.get(i));
                if (frequency != null) {
                    sum += scorers.get(i).score(frequency, r.norm());
                    matched = true;
                }
            }
            return matched ? (float) sum : 0;
        }
    }

    /** The ticket id of a document of the reader whose leaves are given. */
    private static UUID idOf(List<LeafReaderContext> leaves, int doc) throws IOException {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        int local = doc - leaf.docBase;
        NumericDocValues high = leaf.reader().getNumericDocValues(ID_HIGH);
        NumericDocValues low = leaf.reader().getNumericDocValues(ID_LOW);
        if (high == null || low == null || !high.advanceExact(local) || !low.advanceExact(local)) {
            throw new IllegalStateException("a document of the recurring index has no ticket id");
        }
        return new UUID(high.longValue(), low.longValue());
    }

    /**
     * The {@link MoreLikeThis} query of a text: the query {@code MoreLikeThis.like(TEXT, reader)} builds with minimum
     * term frequency 1, minimum document frequency 1 (every term of the ticket is in its query: a term no other ticket
     * has weighs most, and the share of the query another ticket matches is its similarity), minimum word length 2,
     * the ignored words as stop words, {@code maxQueryTerms} terms and boosts on. The same terms, tf × idf scores
     * (classic idf), order and boosts, built the way MoreLikeThis builds them (a hash map of the text's term
     * frequencies in token order, the same priority queue), so the same matches come out.
     *
     * <p>What differs is the cost: MoreLikeThis asks the reader for each term's document frequency, a term lookup in
     * every segment with a new terms enumerator each time, and the search looks every query term up again to build
     * its weights. Here each segment's enumerator is reused for all the terms, and the query's term queries carry the
     * {@link TermStates} found, so the search does not look them up again.
     */
    Query like(IndexSearcher searcher, String text) throws IOException {
        Map<String, int[]> frequencies = new HashMap<>();
        try (TokenStream stream = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            TermFrequencyAttribute frequency = stream.addAttribute(TermFrequencyAttribute.class);
            stream.reset();
            int tokens = 0;
            while (stream.incrementToken()) {
                String word = term.toString();
                if (++tokens > MoreLikeThis.DEFAULT_MAX_NUM_TOKENS_PARSED) {
                    break;
                }
                if (word.length() < MIN_WORD_LENGTH || ignored.contains(word)) {
                    continue;
                }
                int[] count = frequencies.get(word);
                if (count == null) {
                    frequencies.put(word, new int[] {frequency.getTermFrequency()});
                } else {
                    count[0] += frequency.getTermFrequency();
                }
            }
            stream.end();
        }
        IndexReader reader = searcher.getIndexReader();
        IndexReaderContext top = searcher.getTopReaderContext();
        List<LeafReaderContext> leaves = reader.leaves();
        TermsEnum[] segments = new TermsEnum[leaves.size()];
        for (int i = 0; i < segments.length; i++) {
            Terms terms = leaves.get(i).reader().terms(TEXT);
            segments[i] = terms == null ? null : terms.iterator();
        }
        long docCount = reader.getDocCount(TEXT);
        if (docCount == -1) {
            docCount = reader.numDocs();
        }
        WithRecent withRecent = searcher instanceof WithRecent w ? w : null;
        if (withRecent != null) {
            docCount += withRecent.recentDocCount();
        }
        int limit = Math.min(maxQueryTerms, frequencies.size());
        InterestingTerms queue = new InterestingTerms(limit);
        for (Map.Entry<String, int[]> entry : frequencies.entrySet()) {
            BytesRef bytes = new BytesRef(entry.getKey());
            TermStates states = new TermStates(top);
            for (int i = 0; i < segments.length; i++) {
                if (segments[i] != null && segments[i].seekExact(bytes)) {
                    states.register(
                            segments[i].termState(),
                            leaves.get(i).ord,
                            segments[i].docFreq(),
                            segments[i].totalTermFreq());
                }
            }
            if (withRecent != null) {
                withRecent.accumulate(entry.getKey(), states);
            }
            if (states.docFreq() == 0) {
                continue;
            }
            float score = entry.getValue()[0] * IDF.idf(states.docFreq(), docCount);
            if (queue.size() < limit) {
                queue.add(new Interesting(entry.getKey(), states, score));
            } else if (queue.top().score < score) {
                queue.top().replace(entry.getKey(), states, score);
                queue.updateTop();
            }
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        float first = -1;
        for (Interesting interesting; (interesting = queue.pop()) != null; ) {
            if (first == -1) {
                first = interesting.score;
            }
            query.add(
                    new BoostQuery(
                            new TermQuery(new Term(TEXT, interesting.word), interesting.states),
                            1.0f * interesting.score / first),
                    BooleanClause.Occur.SHOULD);
        }
        return query.build();
    }

    /** A candidate term of the query (mutable, as MoreLikeThis's: the queue's smallest is replaced in place). */
    private static final class Interesting {
        String word;
        TermStates states;
        float score;

        Interesting(String word, TermStates states, float score) {
            replace(word, states, score);
        }

        void replace(String word, TermStates states, float score) {
            this.word = word;
            this.states = states;
            this.score = score;
        }
    }

    /** MoreLikeThis's queue: ordered by score, the smallest on top. */
    private static final class InterestingTerms extends PriorityQueue<Interesting> {
        InterestingTerms(int size) {
            super(size);
        }

        @Override
        protected boolean lessThan(Interesting a, Interesting b) {
            return a.score < b.score;
        }
    }

    /** A searcher over the index as it is now (tests compare {@link #like} with {@link #moreLikeThis} on it). */
    synchronized IndexSearcher searcher() throws IOException {
        return new IndexSearcher(refreshedReader(true));
    }

    /** The MoreLikeThis, set up as described at {@link #like}, whose query {@link #like} builds. */
    MoreLikeThis moreLikeThis(IndexReader reader) throws IOException {
        MoreLikeThis mlt = new MoreLikeThis(reader);
        mlt.setAnalyzer(analyzer);
        mlt.setFieldNames(new String[] {TEXT});
        mlt.setMinTermFreq(1);
        mlt.setMinDocFreq(1);
        mlt.setMinWordLen(MIN_WORD_LENGTH);
        mlt.setStopWords(ignored);
        mlt.setMaxQueryTerms(maxQueryTerms);
        mlt.setBoost(true);
        return mlt;
    }

    /** The terms of a MoreLikeThis query, in its clauses' order. */
    private static List<String> queryTerms(Query like) {
        List<String> out = new ArrayList<>();
        if (like instanceof BooleanQuery bool) {
            for (BooleanClause clause : bool.clauses()) {
                Query q = clause.getQuery() instanceof BoostQuery boosted ? boosted.getQuery() : clause.getQuery();
                if (q instanceof TermQuery term) {
                    out.add(term.getTerm().text());
                }
            }
        }
        return out;
    }

    /** The reader, opened again first when it is stale, the recent tickets reached their limit, or {@code now}. */
    private DirectoryReader refreshedReader(boolean now) throws IOException {
        if (!now && !stale && recent.size() < recentLimit) {
            return reader;
        }
        DirectoryReader fresh = DirectoryReader.openIfChanged(reader, writer);
        if (fresh != null) {
            reader.close();
            reader = fresh;
        }
        recent.clear();
        stale = false;
        return reader;
    }

    @Override
    public synchronized void close() {
        try {
            reader.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
