package io.ticketsuite.triage.classifier.tools;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates the classifier on a labelled JSONL file (fields {@code subject}, {@code body}, {@code
 * expected_category}, optionally {@code expected_priority}, {@code id}, {@code customer_tier}).
 * The label {@code other} means the pack's fallback category ({@code general}). Prints
 * per-category precision/recall/F1, accuracy, macro-F1 (over every category that occurs in the
 * labels or the predictions) and a confusion matrix.
 *
 * <p>Usage: {@code Evaluate FILE.jsonl [--pack PACK.yaml] [--errors] [--term-stats]}. {@code
 * --errors} lists the misclassified rows with their scores; {@code --term-stats} lists, per rule-pack
 * term, in how many rows it matched and how often that row's label was the term's category (its
 * precision). Both are for local rule-pack work: don't paste dev-set text into the repo.
 */
public final class Evaluate {

    private Evaluate() {}

    record Row(String id, String subject, String body, String expected, String expectedPriority, String tier) {}

    public static void main(String[] args) throws IOException {
        Path file = null;
        Path packFile = null;
        boolean errors = false;
        boolean termStats = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--errors" -> errors = true;
                case "--term-stats" -> termStats = true;
                case "--pack" -> packFile = Path.of(args[++i]);
                default -> file = Path.of(args[i]);
            }
        }
        if (file == null) {
            System.err.println("usage: Evaluate FILE.jsonl [--pack PACK.yaml] [--errors]");
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

        List<String> labels = new ArrayList<>(pack.categories());
        if (!labels.contains(pack.fallbackCategory())) {
            labels.add(pack.fallbackCategory());
        }
        Map<String, Map<String, Integer>> confusion = new LinkedHashMap<>();
        int correct = 0;
        int priorityRows = 0;
        int priorityCorrect = 0;
        Map<String, Map<String, Integer>> priorityConfusion = new LinkedHashMap<>();
        Map<String, int[]> terms = new java.util.TreeMap<>();
        long started = System.nanoTime();
        for (Row row : rows) {
            Classification c = classifier.classify(row.subject(), row.body(), row.tier());
            if (termStats) {
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (var m : c.explanation().matchedTerms()) {
                    String key = m.category() + " / " + m.term();
                    if (seen.add(key)) {
                        int[] counts = terms.computeIfAbsent(key, k -> new int[2]);
                        counts[0]++;
                        if (m.category().equals(row.expected())) {
                            counts[1]++;
                        }
                    }
                }
            }
            if (!labels.contains(row.expected())) {
                labels.add(row.expected());
            }
            confusion
                    .computeIfAbsent(row.expected(), k -> new LinkedHashMap<>())
                    .merge(c.category(), 1, Integer::sum);
            if (c.category().equals(row.expected())) {
                correct++;
            } else if (errors) {
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
            if (row.expectedPriority() != null) {
                priorityRows++;
                if (row.expectedPriority().equals(c.priority())) {
                    priorityCorrect++;
                }
                priorityConfusion
                        .computeIfAbsent(row.expectedPriority(), k -> new LinkedHashMap<>())
                        .merge(c.priority(), 1, Integer::sum);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (termStats) {
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

        System.out.printf(Locale.ROOT, "file: %s%n", file);
        System.out.printf(
                Locale.ROOT,
                "rule pack: %s (%d category entries, %d signals)%n",
                pack.version(),
                pack.categoryEntryCount(),
                pack.signalEntryCount());
        System.out.printf(Locale.ROOT, "rows: %d ('other' counted as '%s')%n%n", rows.size(), pack.fallbackCategory());

        List<String> present = new ArrayList<>();
        for (String l : labels) {
            int support = count(confusion, l, null);
            int predicted = count(confusion, null, l);
            if (support > 0 || predicted > 0) {
                present.add(l);
            }
        }
        System.out.printf(Locale.ROOT, "%-12s %9s %9s %9s %8s%n", "category", "precision", "recall", "f1", "support");
        double macro = 0;
        for (String l : present) {
            int tp = get(confusion, l, l);
            int support = count(confusion, l, null);
            int predicted = count(confusion, null, l);
            double p = predicted == 0 ? 0 : tp / (double) predicted;
            double r = support == 0 ? 0 : tp / (double) support;
            double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
            macro += f1;
            System.out.printf(Locale.ROOT, "%-12s %9.3f %9.3f %9.3f %8d%n", l, p, r, f1, support);
        }
        macro /= present.size();
        System.out.printf(
                Locale.ROOT, "%naccuracy  %.3f (%d/%d)%n", correct / (double) rows.size(), correct, rows.size());
        System.out.printf(Locale.ROOT, "macro-F1  %.3f (over %d categories)%n", macro, present.size());
        if (priorityRows > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "priority accuracy %.3f (%d/%d, informative only)%n",
                    priorityCorrect / (double) priorityRows,
                    priorityCorrect,
                    priorityRows);
        }

        System.out.printf("%nconfusion matrix (rows = expected, columns = predicted)%n%-12s", "");
        for (String l : present) {
            System.out.printf(Locale.ROOT, " %8.8s", l);
        }
        System.out.println();
        for (String e : present) {
            System.out.printf(Locale.ROOT, "%-12s", e);
            for (String p : present) {
                System.out.printf(Locale.ROOT, " %8d", get(confusion, e, p));
            }
            System.out.println();
        }
        if (priorityRows > 0) {
            List<String> prios = RulePack.PRIORITIES;
            System.out.printf("%npriority confusion (rows = expected, columns = predicted)%n%-12s", "");
            prios.forEach(p -> System.out.printf(" %5s", p));
            System.out.println();
            for (String e : prios) {
                if (!priorityConfusion.containsKey(e)) {
                    continue;
                }
                System.out.printf("%-12s", e);
                for (String p : prios) {
                    System.out.printf(" %5d", priorityConfusion.get(e).getOrDefault(p, 0));
                }
                System.out.println();
            }
        }
        System.out.printf(Locale.ROOT, "%nclassified %d tickets in %.3f s (cold JVM)%n", rows.size(), seconds);
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

    private static int get(Map<String, Map<String, Integer>> m, String expected, String predicted) {
        return m.getOrDefault(expected, Map.of()).getOrDefault(predicted, 0);
    }

    private static int count(Map<String, Map<String, Integer>> m, String expected, String predicted) {
        int n = 0;
        for (Map.Entry<String, Map<String, Integer>> row : m.entrySet()) {
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
