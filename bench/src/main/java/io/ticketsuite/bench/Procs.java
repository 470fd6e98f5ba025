package io.ticketsuite.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time and memory of the suite's processes, read from {@code /proc}: each process is named by what it runs (a
 * service by its working directory, PostgreSQL's postmaster and every backend as {@code postgres}, the broker, the
 * identity provider, the mail server, the local-infra launcher); everything else on the machine is left out.
 */
final class Procs {
    /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ: 100 on Linux). */
    private static final double HZ = 100.0;

    record Usage(double cpuMillis, long rssKib) {}

    /** Process name → (CPU time so far in ms, resident set in KiB; summed over the processes of one name). */
    static Map<String, Usage> snapshot() {
        Map<String, Usage> usage = new TreeMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(p -> {
                        try {
                            String name = name(p);
                            if (name == null) {
                                return;
                            }
                            String stat = Files.readString(p.resolve("stat"));
                            String[] fields =
                                    stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            // after "pid (comm) ": state=0 ... utime=11 stime=12 ... rss=21 (pages)
                            double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000.0 / HZ;
                            long rss = Long.parseLong(fields[21]) * 4;
                            usage.merge(
                                    name,
                                    new Usage(cpu, rss),
                                    (a, b) -> new Usage(a.cpuMillis() + b.cpuMillis(), a.rssKib() + b.rssKib()));
                        } catch (IOException | RuntimeException gone) {
                            // the process ended while being read
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc", e);
        }
        return usage;
    }

    private static String name(Path proc) throws IOException {
        String cmdline =
                new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        if (cmdline.isBlank()) {
            return null;
        }
        if (cmdline.contains("quarkus-run.jar")) {
            Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
            return cwd.getFileName().toString();
        }
        if (cmdline.contains("kafka.Kafka")) {
            return "kafka";
        }
        if (cmdline.startsWith("postgres") || cmdline.contains("/bin/postgres ")) {
            return "postgres";
        }
        if (cmdline.contains("keycloak")) {
            return "keycloak";
        }
        if (cmdline.contains("greenmail")) {
            return "mail";
        }
        if (cmdline.contains("io.ticketsuite.local")) {
            return "local-infra";
        }
        return null;
    }

    /** The CPU each process used between two snapshots, in ms. */
    static Map<String, Double> cpuBetween(Map<String, Usage> before, Map<String, Usage> after) {
        Map<String, Double> used = new TreeMap<>();
        after.forEach((name, usage) -> used.put(
                name,
                usage.cpuMillis() - (before.containsKey(name) ? before.get(name).cpuMillis() : 0.0)));
        return used;
    }

    private Procs() {}
}
