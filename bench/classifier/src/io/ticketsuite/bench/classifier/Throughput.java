package io.ticketsuite.bench.classifier;

import io.ticketsuite.triage.classifier.Classification;
import io.ticketsuite.triage.classifier.RulePack;
import io.ticketsuite.triage.classifier.TicketClassifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Single-thread throughput of {@link TicketClassifier#classify}, next to a baseline measured in the
 * same run on the same inputs: a trivial lower-case + split keyword counter over the seed table of
 * ARCHITECTURE.md (what a regex-free "most hits wins" classifier costs).
 *
 * <p>Usage: {@code Throughput [--seconds N] [--warmup N] [--file tickets.jsonl]}. Without {@code
 * --file} it classifies 2,000 synthetic tickets generated from the phrase lists below (our own
 * text). Plain timed loop, not JMH: numbers are indicative; run on an idle machine.
 */
public final class Throughput {

    private Throughput() {}

    record Ticket(String subject, String body, String tier) {}

    public static void main(String[] args) throws IOException {
        double seconds = 5;
        double warmup = 3;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--file" -> file = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<Ticket> tickets = file == null ? synthetic(2_000, 42) : fromFile(file);
        long chars = 0;
        for (Ticket t : tickets) {
            chars += t.subject().length() + t.body().length();
        }
        TicketClassifier classifier = new TicketClassifier(RulePack.loadDefault());
        SeedKeywordBaseline baseline = new SeedKeywordBaseline();

        System.out.printf(
                Locale.ROOT,
                "inputs: %d tickets (%s), mean %d chars; one thread; java %s; %d available processor(s)%n",
                tickets.size(),
                file == null ? "synthetic" : file.toString(),
                chars / tickets.size(),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        // warm up both, then measure each in turn
        run(
                "warm-up classifier",
                tickets,
                warmup,
                t -> classifier.classify(t.subject(), t.body(), t.tier()).hashCode(),
                false);
        run(
                "warm-up baseline",
                tickets,
                warmup,
                t -> baseline.classify(t.subject(), t.body()).hashCode(),
                false);
        double classifierRate = run(
                "TicketClassifier",
                tickets,
                seconds,
                t -> {
                    Classification c = classifier.classify(t.subject(), t.body(), t.tier());
                    return c.category().hashCode() + c.priority().hashCode();
                },
                true);
        double baselineRate = run(
                "baseline (lower-case + split + seed keyword count)",
                tickets,
                seconds,
                t -> baseline.classify(t.subject(), t.body()).hashCode(),
                true);
        System.out.printf(
                Locale.ROOT,
                "%nratio: classifier runs at %.2fx the baseline's speed (baseline is %.1fx faster); target >= 2,000/s: %s%n",
                classifierRate / baselineRate,
                baselineRate / classifierRate,
                classifierRate >= 2_000 ? "met" : "NOT met");
    }

    interface Task {
        int apply(Ticket t);
    }

    private static double run(String name, List<Ticket> tickets, double seconds, Task task, boolean print) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long n = 0;
        int sink = 0;
        int i = 0;
        while (true) {
            sink += task.apply(tickets.get(i));
            n++;
            if (++i == tickets.size()) {
                i = 0;
            }
            if ((n & 63) == 0 && System.nanoTime() >= deadline) {
                break;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double rate = n / elapsed;
        if (print) {
            System.out.printf(
                    Locale.ROOT,
                    "%-52s %,12.0f classifications/s  (%,d in %.2f s, %.1f us each; sink %d)%n",
                    name,
                    rate,
                    n,
                    elapsed,
                    1e6 / rate,
                    sink & 1);
        }
        return rate;
    }

    /** The seed table applied literally: lower-case, split on non-letters, most hits wins. */
    static final class SeedKeywordBaseline {
        private final Map<String, String> words = new HashMap<>();

        SeedKeywordBaseline() {
            put("billing", "charge invoice payment refund cancel upgrade downgrade");
            put("technical", "error broken crash bug");
            put("account", "login password access");
            put("feature", "how feature can request");
            put("integration", "api webhook connect integrate");
            put("security", "security breach hack expose");
        }

        private void put(String category, String list) {
            for (String w : list.split(" ")) {
                words.put(w, category);
            }
        }

        String classify(String subject, String body) {
            Map<String, Integer> counts = new HashMap<>();
            count(subject, counts);
            count(body, counts);
            String best = "technical";
            int max = 0;
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                if (e.getValue() > max) {
                    max = e.getValue();
                    best = e.getKey();
                }
            }
            return best;
        }

        private void count(String text, Map<String, Integer> counts) {
            if (text == null) {
                return;
            }
            for (String token : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                String c = words.get(token);
                if (c != null) {
                    counts.merge(c, 1, Integer::sum);
                }
            }
        }
    }

    static List<Ticket> fromFile(Path file) throws IOException {
        List<Ticket> out = new ArrayList<>();
        for (Evaluate.Row row : Evaluate.read(file, "general")) {
            out.add(new Ticket(
                    row.subject() == null ? "" : row.subject(), row.body() == null ? "" : row.body(), row.tier()));
        }
        return out;
    }

    private static final String[] OPENERS = {
        "Hi team,", "Hello,", "Good morning,", "Hey support,", "To whom it may concern,", ""
    };
    private static final String[][] SUBJECTS = {
        {
            "Charged twice this month",
            "Invoice shows the wrong amount",
            "Please cancel my subscription",
            "Refund for the annual plan",
            "Question about VAT on my bill"
        },
        {
            "App crashes on startup",
            "Error 500 when saving",
            "Export button is broken",
            "Dashboard keeps freezing",
            "Reports load very slowly"
        },
        {
            "Cannot log in",
            "Password reset link expired",
            "Locked out of my account",
            "Need access for a new admin",
            "2FA code never arrives"
        },
        {
            "Feature request: dark mode",
            "Can I schedule reports?",
            "How to bulk edit tickets",
            "Suggestion for the calendar view",
            "Would love a Gantt chart"
        },
        {
            "Webhook not firing",
            "API returns 401",
            "Salesforce sync stopped",
            "Slack integration duplicates messages",
            "Zapier connection fails"
        },
        {
            "Suspicious login from abroad",
            "Possible data breach",
            "Our account was hacked",
            "Phishing email using your brand",
            "Vulnerability report"
        },
        {"Hello", "Quick question", "Following up", "Thanks for the help", "Partnership enquiry"}
    };
    private static final String[][] SENTENCES = {
        {
            "My card was charged twice for the same month.",
            "The invoice total does not match our plan.",
            "We downgraded last week but still pay the old price.",
            "I would like a refund for the unused seats.",
            "Can you send a receipt with our company VAT number?"
        },
        {
            "Since this morning the app crashes whenever I open a project.",
            "Saving a form shows an unexpected error.",
            "The page stays blank and nothing loads.",
            "It worked yesterday, now the button does nothing.",
            "The mobile app freezes after the latest update."
        },
        {
            "I can't sign in even after resetting my password.",
            "The reset email never reaches my inbox.",
            "After three attempts my account got locked.",
            "Our new team lead needs admin access to the workspace.",
            "The verification code expires before it arrives."
        },
        {
            "It would be great to have a dark theme.",
            "Is it possible to export charts as PDF?",
            "How do I set up recurring reports?",
            "We'd like an option to archive old boards.",
            "Please consider adding keyboard shortcuts."
        },
        {
            "Our webhook endpoint stopped receiving events.",
            "Every API call returns an authentication failure.",
            "Contacts no longer sync with our CRM.",
            "The connector posts each message twice.",
            "We want to integrate your API with our billing system."
        },
        {
            "Someone logged into our admin account from an unknown country.",
            "We think customer data was exposed.",
            "An attacker may have stolen our API token.",
            "Staff received a fake email asking for passwords.",
            "Your upload endpoint looks vulnerable to script injection."
        },
        {
            "Thanks for the quick answer yesterday.",
            "Just checking in on my previous message.",
            "Could someone give me a call back?",
            "We are a reseller interested in working with you.",
            "Where can I find your office address?"
        }
    };
    private static final String[] URGENCY = {
        "",
        "",
        "This is urgent, please help asap.",
        "All users in our company are affected.",
        "No rush, whenever you have time.",
        "Production is down for the entire team.",
        "It's only a minor issue.",
        "This is not a billing question."
    };
    private static final String[] CLOSERS = {"Thanks!", "Best regards, Sam", "Cheers", "Kind regards", ""};
    private static final String[] TIERS = {"Enterprise", "Professional", "Starter", "Free", null};

    /** Deterministic synthetic tickets, 3-6 sentences each, sometimes mixing two topics. */
    static List<Ticket> synthetic(int count, long seed) {
        Random random = new Random(seed);
        List<Ticket> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int topic = random.nextInt(SUBJECTS.length);
            int other = random.nextInt(SENTENCES.length);
            StringBuilder body = new StringBuilder(OPENERS[random.nextInt(OPENERS.length)]);
            int sentences = 3 + random.nextInt(4);
            for (int s = 0; s < sentences; s++) {
                String[] pool = s == sentences - 1 && random.nextInt(4) == 0 ? SENTENCES[other] : SENTENCES[topic];
                body.append(' ').append(pool[random.nextInt(pool.length)]);
            }
            body.append(' ').append(URGENCY[random.nextInt(URGENCY.length)]);
            body.append("\n\n").append(CLOSERS[random.nextInt(CLOSERS.length)]);
            String subject = SUBJECTS[topic][random.nextInt(SUBJECTS[topic].length)];
            out.add(new Ticket(subject, body.toString().trim(), TIERS[random.nextInt(TIERS.length)]));
        }
        return out;
    }
}
