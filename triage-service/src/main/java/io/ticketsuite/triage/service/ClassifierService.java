package io.ticketsuite.triage.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.ticketsuite.triage.classifier.Classification;
import io.ticketsuite.triage.classifier.RulePack;
import io.ticketsuite.triage.classifier.RulePackException;
import io.ticketsuite.triage.classifier.TicketClassifier;
import io.ticketsuite.triage.config.TriageConfig;
import io.ticketsuite.triage.mapping.RulePackSummaries;
import io.ticketsuite.triage.rest.dto.RulePackResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Holds the rule pack in force and its compiled classifier, and times every classification. At start it is the
 * configured file or the default pack of triage-classifier (the <em>bootstrap</em> pack); {@link RulePackService}
 * then swaps in the newest pack stored in the database, atomically: a classification uses one pack from start to
 * end, and its explanation names that pack's version.
 */
@Startup // the pack is read and compiled at start, not by the first ticket
@ApplicationScoped
public class ClassifierService {
    private static final Logger LOG = Logger.getLogger(ClassifierService.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Where a classification was asked for: a ticket.created event or POST /api/v1/classify. */
    public enum Source {
        EVENT,
        API
    }

    /** A validated, compiled pack with its text and summary. */
    public record Compiled(RulePack pack, String yaml, JsonNode tree) {
        public String version() {
            return pack.version();
        }

        /** The categories a ticket may be given: the pack's categories and its fallback. */
        public List<String> categories() {
            List<String> all = new java.util.ArrayList<>(pack.categories());
            if (!all.contains(pack.fallbackCategory())) {
                all.add(pack.fallbackCategory());
            }
            return all;
        }
    }

    /** The pack in force: {@code seq} is its row in {@code rule_pack}, 0 for the bootstrap pack before it is stored. */
    public record Active(long seq, Compiled compiled, TicketClassifier classifier, RulePackResponse summary) {}

    private final Compiled bootstrap;
    private final String bootstrapSource;
    private final AtomicReference<Active> active = new AtomicReference<>();
    private final Timer eventTimer;
    private final Timer apiTimer;

    public ClassifierService(TriageConfig config, MeterRegistry registry) {
        this.bootstrapSource = config.rulePack().map(p -> "file:" + p).orElse("classpath:" + RulePack.DEFAULT_RESOURCE);
        this.bootstrap = compile(new String(read(config), StandardCharsets.UTF_8));
        this.active.set(activeOf(0, bootstrap, bootstrapSource));
        this.eventTimer = timer(registry, Source.EVENT);
        this.apiTimer = timer(registry, Source.API);
        LOG.infof("rule pack %s loaded from %s: %s", bootstrap.version(), bootstrapSource, bootstrap.pack());
        // one classification at start loads the analysis classes, so the first ticket does not (not timed)
        active.get().classifier().classify("Warm-up", "The classifier reads one text at start.", null, List.of());
    }

    /**
     * Parses, validates and compiles a pack.
     *
     * @throws RulePackException listing every problem, each with the path of the offending key
     */
    public static Compiled compile(String yaml) {
        RulePack pack = RulePack.parse(yaml);
        try {
            return new Compiled(pack, yaml, YAML.readTree(yaml));
        } catch (IOException e) {
            throw new RulePackException("the pack is not readable YAML", e);
        }
    }

    public Classification classify(String subject, String description, String customerTier, Source source) {
        return classify(subject, description, customerTier, List.of(), source);
    }

    /** With the ticket's tags: {@code urgency:<level>} and {@code impact:<level>} count as priority signals. */
    public Classification classify(
            String subject, String description, String customerTier, List<String> tags, Source source) {
        Timer timer = source == Source.EVENT ? eventTimer : apiTimer;
        TicketClassifier classifier = active.get().classifier();
        return timer.record(() -> classifier.classify(subject, description, customerTier, tags));
    }

    /** Puts a stored pack in force unless this replica already has it (or a newer one). */
    public void activate(long seq, Compiled compiled, String source) {
        Active next = activeOf(seq, compiled, source);
        Active before = active.getAndUpdate(current -> current.seq() >= seq ? current : next);
        if (before.seq() < seq) {
            LOG.infof(
                    "rule pack %s (stored #%d) in force, was %s",
                    compiled.version(), seq, before.compiled().version());
        }
    }

    public Active active() {
        return active.get();
    }

    public RulePack rulePack() {
        return active.get().compiled().pack();
    }

    public RulePackResponse summary() {
        return active.get().summary();
    }

    /** The pack this service started with (file or default), stored on first use if its version is new. */
    public Compiled bootstrap() {
        return bootstrap;
    }

    /** Where the bootstrap pack came from: {@code classpath:…} or {@code file:…}. */
    public String bootstrapSource() {
        return bootstrapSource;
    }

    private static Active activeOf(long seq, Compiled compiled, String source) {
        return new Active(
                seq,
                compiled,
                new TicketClassifier(compiled.pack()),
                RulePackSummaries.summarise(compiled.pack(), compiled.tree(), source));
    }

    private static Timer timer(MeterRegistry registry, Source source) {
        return Timer.builder("ts.triage.classification")
                .description("time to classify one ticket (analysis, scoring, priority, explanation)")
                .tag("source", source.name().toLowerCase(Locale.ROOT))
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }

    private static byte[] read(TriageConfig config) {
        try {
            if (config.rulePack().isPresent()) {
                return Files.readAllBytes(Path.of(config.rulePack().get()));
            }
            try (InputStream in = RulePack.class.getResourceAsStream(RulePack.DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("default rule pack " + RulePack.DEFAULT_RESOURCE + " is missing");
                }
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rule pack", e);
        }
    }
}
