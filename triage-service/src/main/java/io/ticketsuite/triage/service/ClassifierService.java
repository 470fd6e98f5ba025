package io.ticketsuite.triage.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ticketsuite.triage.classifier.Classification;
import io.ticketsuite.triage.classifier.RulePack;
import io.ticketsuite.triage.classifier.TicketClassifier;
import io.ticketsuite.triage.config.TriageConfig;
import io.ticketsuite.triage.mapping.RulePackSummaries;
import io.ticketsuite.triage.rest.dto.RulePackResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Holds the active rule pack and its compiled classifier (loaded once at start: the configured file, or the
 * default pack of triage-classifier) and times every classification.
 */
@ApplicationScoped
public class ClassifierService {
    private static final Logger LOG = Logger.getLogger(ClassifierService.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Where a classification was asked for: a ticket.created event or POST /api/v1/classify. */
    public enum Source {
        EVENT,
        API
    }

    private final TicketClassifier classifier;
    private final RulePackResponse summary;
    private final Timer eventTimer;
    private final Timer apiTimer;

    public ClassifierService(TriageConfig config, MeterRegistry registry) {
        String source = config.rulePack().map(p -> "file:" + p).orElse("classpath:" + RulePack.DEFAULT_RESOURCE);
        byte[] yaml = read(config);
        RulePack pack = RulePack.load(new ByteArrayInputStream(yaml));
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.classifier = new TicketClassifier(pack);
        this.summary = RulePackSummaries.summarise(pack, tree, source);
        this.eventTimer = timer(registry, Source.EVENT);
        this.apiTimer = timer(registry, Source.API);
        LOG.infof("rule pack %s loaded from %s: %s", pack.version(), source, pack);
    }

    public Classification classify(String subject, String description, String customerTier, Source source) {
        Timer timer = source == Source.EVENT ? eventTimer : apiTimer;
        return timer.record(() -> classifier.classify(subject, description, customerTier));
    }

    public RulePack rulePack() {
        return classifier.rulePack();
    }

    public RulePackResponse summary() {
        return summary;
    }

    private static Timer timer(MeterRegistry registry, Source source) {
        return Timer.builder("ts.triage.classification")
                .description("time to classify one ticket (analysis, scoring, priority, explanation)")
                .tag("source", source.name().toLowerCase(java.util.Locale.ROOT))
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
