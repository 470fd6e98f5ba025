package io.ticketsuite.bench.triage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketsuite.triage.classifier.TicketAnalyzer;
import io.ticketsuite.triage.recurring.RecurringIndex;
import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * What triage's recurring-issue check costs per ticket: {@link RecurringIndex#add} then {@link RecurringIndex#similar}
 * for each new ticket, as {@code RecurringService.observe} does, on an index already holding {@code history} tickets
 * of the window. Next to it, a baseline measured in the same run on the same texts: the analysis alone
 * ({@link RecurringIndex#terms}), which every version of the index does once per ticket.
 *
 * <p>Prints per round the wall time and the process CPU time per ticket (the CPU includes Lucene's merge threads), the
 * baseline's, their ratio, and a checksum of the matches (count and summed similarity), which must not change when only
 * the index's cost changes. Arguments: {@code texts.jsonl [history=2000] [measured=1000] [rounds=3]}.
 */
public final class SimilarBench {
    public static void main(String[] args) throws Exception {
        List<String> texts = texts(Path.of(args[0]));
        int history = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int measured = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(
                "%d texts; each round: %d tickets of history, then %d measured (add + similar each)%n",
                texts.size(), history, measured);
        for (int round = 1; round <= rounds; round++) {
            Instant start = Instant.parse("2026-11-01T00:00:00Z");
            Instant from = start.minus(Duration.ofDays(7));
            long matches = 0;
            double similarity = 0;
            try (RecurringIndex index = new RecurringIndex(
                    new TicketAnalyzer(), EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, 25)) {
                for (int n = 0; n < history; n++) {
                    observe(index, texts.get(n % texts.size()), start.plusSeconds(n), from);
                }
                long cpu0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                for (int n = history; n < history + measured; n++) {
                    for (RecurringIndex.Match m : observe(index, texts.get(n % texts.size()), start.plusSeconds(n), from)) {
                        matches++;
                        similarity += m.similarity();
                    }
                }
                long wall = System.nanoTime() - wall0;
                long cpu = os.getProcessCpuTime() - cpu0;
                long bcpu0 = os.getProcessCpuTime();
                long bwall0 = System.nanoTime();
                long sink = 0;
                for (int n = history; n < history + measured; n++) {
                    sink += index.terms(texts.get(n % texts.size())).size();
                }
                long bwall = System.nanoTime() - bwall0;
                long bcpu = os.getProcessCpuTime() - bcpu0;
                System.out.printf(
                        "round %d: add+similar %.1f us wall, %.1f us CPU per ticket; baseline (analysis) %.1f us wall,"
                                + " %.1f us CPU; ratio (CPU) %.1fx; matches %d, similarity sum %.3f (%d)%n",
                        round,
                        wall / 1e3 / measured,
                        cpu / 1e3 / measured,
                        bwall / 1e3 / measured,
                        bcpu / 1e3 / measured,
                        (double) cpu / Math.max(1, bcpu),
                        matches,
                        similarity,
                        sink);
            }
        }
    }

    private static List<RecurringIndex.Match> observe(RecurringIndex index, String text, Instant created, Instant from) {
        UUID id = UUID.randomUUID();
        index.add(id, text, created);
        return index.similar(id, text, from, 0.35, 2);
    }

    private static List<String> texts(Path file) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) {
                    JsonNode row = json.readTree(line);
                    out.add(row.path("subject").asText("") + "\n" + row.path("body").asText(""));
                }
            }
        }
        return out;
    }
}
