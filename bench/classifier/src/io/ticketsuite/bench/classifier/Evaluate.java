package io.ticketsuite.bench.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketsuite.triage.classifier.Classification;
import io.ticketsuite.triage.classifier.RulePack;
import io.ticketsuite.triage.classifier.TicketClassifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Evaluates the classifier on a labelled JSONL file (fields {@code subject}, {@code body}, {@code
 * expected_category}, optionally {@code expected_priority}, {@code id}, {@code customer_tier}).
 * The label {@code other} means the pack's fallback category ({@code general}).
 *
 * <p>Rows are split deterministically into a <b>training</b> part and a <b>held-out</b> part by a
 * hash of the row id: SHA-256 of the UTF-8 id, first two bytes as an unsigned number modulo 100,
 * held out when below {@code --holdout-percent} (30). For the whole file and each part it prints
 * per-category precision/recall/F1, accuracy and macro-F1 (over every category that occurs in that
 * part's labels or predictions), then the confusion matrices of the whole file and of the training part
 * and the priority agreement of the whole file.
 *
 * <p>Usage: {@code Evaluate FILE.jsonl [--pack PACK.yaml] [--errors] [--term-stats] [--look
 * train|holdout|all] [--holdout-percent N]}. {@code --errors} lists misclassified rows with their
 * scores; {@code --term-stats} lists, per rule-pack term, in how many rows it matched and how often that
 * row's label was the term's category. Both look only at the training part unless {@code --look} says
 * otherwise, so that rule-pack work never peeks at the held-out rows. They are for local work: don't
 * paste dev-set text into the repository.
 */
public final class Evaluate {

    private Evaluate() {}

    record Row(String id, String subject, String body, String expected, String expectedPriority, String tier) {}

    record Result(Row row, boolean holdout, Classification classification) {}

    public static void main(String[] args) throws IOException {
        Path file = null;
        Path packFile = null;
        boolean errors = false;
        boolean termStats = false;
        String look = "train";
        int holdoutPercent = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--errors" -> errors = true;
                case "--term-stats" -> termStats = true;
                case "--pack" -> packFile = Path.of(args[++i]);
                case "--look" -> look = args[++i];
                case "--holdout-percent" -> holdoutPercent = Integer.parseInt(args[++i]);
                default -> file = Path.of(args[i]);
            }
        }
        if (file == null || !Set.of("train", "holdout", "all").contains(look)) {
            System.err.println("usage: Evaluate FILE.jsonl [--pack PACK.yaml] [--errors] [--term-stats]"
                    + " [--look train|holdout|all] [--holdout-percent N]");
            System.exit(2);
        }
        RulePack pack;
        if (packFile == null) {
            pack = RulePack.loadDefault();
        } else {
            try (InputStream in = Files.newInputStream(packFile)) {
                pack = RulePack.load(in);
            }
        }
        TicketClassifier classifier = new TicketClassifier(pack);
        List<Row> rows = read(file, pack.fallbackCategory());

        long started = System.nanoTime();
        List<Result> results = new ArrayList<>(rows.size());
        for (Row row : rows) {
            results.add(new Result(
                    row,
                    isHoldout(row.id(), holdoutPercent),
                    classifier.classify(row.subject(), row.body(), row.tier())));
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        String lookAt = look;
        Predicate<Result> looked = r -> switch (lookAt) {
            case "train" -> !r.holdout();
            case "holdout" -> r.holdout();
            default -> true;
        };
        if (termStats) {
            printTermStats(results.stream().filter(looked).toList());
        }
        if (errors) {
            results.stream().filter(looked).forEach(Evaluate::printError);
        }

        List<String> labels = new ArrayList<>(pack.categories());
        if (!labels.contains(pack.fallbackCategory())) {
            labels.add(pack.fallbackCategory());
        }
        for (Row row : rows) {
            if (!labels.contains(row.expected())) {
                labels.add(row.expected());
            }
        }
        List<Result> train = results.stream().filter(r -> !r.holdout()).toList();
        List<Result> holdout = results.stream().filter(Result::holdout).toList();

        System.out.printf(Locale.ROOT, "file: %s%n", file);
        System.out.printf(
                Locale.ROOT,
                "rule pack: %s (%d category entries, %d signals)%n",
                pack.version(),
                pack.categoryEntryCount(),
                pack.signalEntryCount());
        System.out.printf(
                Locale.ROOT,
                "rows: %d ('other' counted as '%s'); split by SHA-256(id) mod 100 < %d: train %d, held-out %d%n",
                rows.size(),
                pack.fallbackCategory(),
                holdoutPercent,
                train.size(),
                holdout.size());

        Metrics whole = Metrics.of(results, labels);
        Metrics trainMetrics = Metrics.of(train, labels);
        Metrics holdoutMetrics = Metrics.of(holdout, labels);
        System.out.printf(Locale.ROOT, "%n%-10s %9s %9s %s%n", "split", "accuracy", "macro-F1", "rows");
        whole.summaryLine("whole");
        trainMetrics.summaryLine("train");
        holdoutMetrics.summaryLine("held-out");
        System.out.printf(
                Locale.ROOT,
                "held-out - whole: accuracy %+.3f, macro-F1 %+.3f%n",
                holdoutMetrics.accuracy() - whole.accuracy(),
                holdoutMetrics.macroF1() - whole.macroF1());

        whole.perCategory("whole file");
        trainMetrics.perCategory("training split");
        holdoutMetrics.perCategory("held-out split");
        whole.confusion("whole file");
        trainMetrics.confusion("training split");
        printPriority(results);
        System.out.printf(Locale.ROOT, "%nclassified %d tickets in %.3f s (cold JVM)%n", rows.size(), seconds);
    }

    /** Held out when SHA-256(id) read as an unsigned 16-bit number, modulo 100, is below {@code percent}. */
    static boolean isHoldout(String id, int percent) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            int bucket = (((digest[0] & 0xff) << 8) | (digest[1] & 0xff)) % 100;
            return bucket < percent;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Precision/recall/F1 over a set of results. */
    static final class Metrics {
        final Map<String, Map<String, Integer>> confusion = new LinkedHashMap<>();
        final List<String> present = new ArrayList<>();
        int correct;
        int total;

        static Metrics of(List<Result> results, List<String> labels) {
            Metrics m = new Metrics();
            for (Result r : results) {
                String predicted = r.classification().category();
                m.confusion
                        .computeIfAbsent(r.row().expected(), k -> new LinkedHashMap<>())
                        .merge(predicted, 1, Integer::sum);
                m.total++;
                if (predicted.equals(r.row().expected())) {
                    m.correct++;
                }
            }
            for (String l : labels) {
                if (m.count(l, null) > 0 || m.count(null, l) > 0) {
                    m.present.add(l);
                }
            }
            return m;
        }

        double accuracy() {
            return total == 0 ? 0 : correct / (double) total;
        }

        double[] prf(String l) {
            int tp = get(l, l);
            int support = count(l, null);
            int predicted = count(null, l);
            double p = predicted == 0 ? 0 : tp / (double) predicted;
            double r = support == 0 ? 0 : tp / (double) support;
            double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
            return new double[] {p, r, f1, support};
        }

        double macroF1() {
            double sum = 0;
            for (String l : present) {
                sum += prf(l)[2];
            }
            return present.isEmpty() ? 0 : sum / present.size();
        }

        void summaryLine(String name) {
            System.out.printf(
                    Locale.ROOT,
                    "%-10s %9.3f %9.3f %d/%d correct, macro over %d categories%n",
                    name,
                    accuracy(),
                    macroF1(),
                    correct,
                    total,
                    present.size());
        }

        void perCategory(String title) {
            System.out.printf(
                    Locale.ROOT,
                    "%n%s%n%-12s %9s %9s %9s %8s%n",
                    title,
                    "category",
                    "precision",
                    "recall",
                    "f1",
                    "support");
            for (String l : present) {
                double[] v = prf(l);
                System.out.printf(Locale.ROOT, "%-12s %9.3f %9.3f %9.3f %8d%n", l, v[0], v[1], v[2], (int) v[3]);
            }
        }

        void confusion(String title) {
            System.out.printf("%nconfusion matrix, %s (rows = expected, columns = predicted)%n%-12s", title, "");
            for (String l : present) {
                System.out.printf(Locale.ROOT, " %8.8s", l);
            }
            System.out.println();
            for (String e : present) {
                System.out.printf(Locale.ROOT, "%-12s", e);
                for (String p : present) {
                    System.out.printf(Locale.ROOT, " %8d", get(e, p));
                }
                System.out.println();
            }
        }

        int get(String expected, String predicted) {
            return confusion.getOrDefault(expected, Map.of()).getOrDefault(predicted, 0);
        }

        int count(String expected, String predicted) {
            int n = 0;
            for (Map.Entry<String, Map<String, Integer>> row : confusion.entrySet()) {
                if (expected != null && !row.getKey().equals(expected)) {
                    continue;
                }
                for (Map.Entry<String, Integer> cell : row.getValue().entrySet()) {
                    if (predicted == null || cell.getKey().equals(predicted)) {
                        n += cell.getValue();
                    }
                }
            }
            return n;
        }
    }

    private static void printError(Result r) {
        Classification c = r.classification();
        Row row = r.row();
        if (c.category().equals(row.expected())) {
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "MISS %s expected=%s got=%s conf=%.2f scores=%s%n     subject: %s%n",
                row.id(),
                row.expected(),
                c.category(),
                c.confidence(),
                c.explanation().scores(),
                row.subject());
        c.explanation().matchedTerms().stream()
                .limit(8)
                .forEach(m -> System.out.printf(
                        Locale.ROOT,
                        "       %-11s %-24s %-7s x%d +%.2f%n",
                        m.category(),
                        m.term(),
                        m.field(),
                        m.count(),
                        m.contribution()));
    }

    private static void printTermStats(List<Result> results) {
        Map<String, int[]> terms = new TreeMap<>();
        for (Result r : results) {
            Set<String> seen = new HashSet<>();
            for (var m : r.classification().explanation().matchedTerms()) {
                String key = m.category() + " / " + m.term();
                if (seen.add(key)) {
                    int[] counts = terms.computeIfAbsent(key, k -> new int[2]);
                    counts[0]++;
                    if (m.category().equals(r.row().expected())) {
                        counts[1]++;
                    }
                }
            }
        }
        System.out.printf("%-40s %6s %6s %9s%n", "category / term", "rows", "right", "precision");
        terms.entrySet().stream()
                .sorted((a, b) -> b.getValue()[0] - a.getValue()[0])
                .forEach(e -> System.out.printf(
                        Locale.ROOT,
                        "%-40s %6d %6d %9.2f%n",
                        e.getKey(),
                        e.getValue()[0],
                        e.getValue()[1],
                        e.getValue()[1] / (double) e.getValue()[0]));
        System.out.println();
    }

    private static void printPriority(List<Result> results) {
        Map<String, Map<String, Integer>> priorityConfusion = new LinkedHashMap<>();
        int rows = 0;
        int correct = 0;
        for (Result r : results) {
            String expected = r.row().expectedPriority();
            if (expected == null) {
                continue;
            }
            rows++;
            if (expected.equals(r.classification().priority())) {
                correct++;
            }
            priorityConfusion
                    .computeIfAbsent(expected, k -> new LinkedHashMap<>())
                    .merge(r.classification().priority(), 1, Integer::sum);
        }
        if (rows == 0) {
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "%npriority accuracy %.3f (%d/%d, whole file, informative only)%n",
                correct / (double) rows,
                correct,
                rows);
        System.out.printf("priority confusion (rows = expected, columns = predicted)%n%-12s", "");
        RulePack.PRIORITIES.forEach(p -> System.out.printf(" %5s", p));
        System.out.println();
        for (String e : RulePack.PRIORITIES) {
            if (!priorityConfusion.containsKey(e)) {
                continue;
            }
            System.out.printf("%-12s", e);
            for (String p : RulePack.PRIORITIES) {
                System.out.printf(" %5d", priorityConfusion.get(e).getOrDefault(p, 0));
            }
            System.out.println();
        }
    }

    static List<Row> read(Path file, String fallback) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                String expected = text(node, "expected_category");
                if (expected == null) {
                    throw new IllegalArgumentException(file + ":" + n + ": no expected_category");
                }
                expected = expected.trim().toLowerCase(Locale.ROOT);
                if (expected.equals("other")) {
                    expected = fallback;
                }
                String id = text(node, "id");
                rows.add(new Row(
                        id == null ? "line-" + n : id,
                        text(node, "subject"),
                        text(node, "body"),
                        expected,
                        text(node, "expected_priority"),
                        text(node, "customer_tier")));
            }
        }
        return rows;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
