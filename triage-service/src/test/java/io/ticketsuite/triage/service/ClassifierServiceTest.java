package io.ticketsuite.triage.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ticketsuite.triage.classifier.Classification;
import io.ticketsuite.triage.classifier.RulePack;
import io.ticketsuite.triage.classifier.RulePackException;
import io.ticketsuite.triage.config.TriageConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the rule pack (default or configured file) and timing classifications, without a container. */
class ClassifierServiceTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @TempDir
    Path dir;

    @Test
    void shouldUseTheDefaultPackWhenNoneIsConfigured() {
        ClassifierService service = new ClassifierService(config(Optional.empty()), registry);

        Classification c = service.classify("Refund please", "I was charged twice", null, ClassifierService.Source.API);

        assertThat(c.category()).isEqualTo("billing");
        assertThat(service.rulePack().version()).isEqualTo(io.ticketsuite.triage.TicketSamples.PACK_VERSION);
        assertThat(service.summary().source()).isEqualTo("classpath:" + RulePack.DEFAULT_RESOURCE);
    }

    @Test
    void shouldLoadAConfiguredPackFile() throws Exception {
        String yaml;
        try (InputStream in = RulePack.class.getResourceAsStream(RulePack.DEFAULT_RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path file = dir.resolve("pack.yaml");
        Files.writeString(file, yaml.replaceFirst("(?m)^version: .*$", "version: \"1.0.0-custom\""));
        TriageConfig config = config(Optional.of(file.toString()));

        ClassifierService service = new ClassifierService(config, registry);
        Classification c =
                service.classify("App crashes", "It crashes on start", "FREE", ClassifierService.Source.EVENT);

        assertThat(service.rulePack().version()).isEqualTo("1.0.0-custom");
        assertThat(service.summary().source()).isEqualTo("file:" + file);
        assertThat(c.explanation().rulePackVersion()).isEqualTo("1.0.0-custom");
    }

    @Test
    void shouldRefuseToStartWithAMalformedPackNamingTheProblem() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "version: \"x\"\ncategories:\n  billing:\n    terms: {charge: -1}\n");
        TriageConfig config = config(Optional.of(file.toString()));

        assertThatThrownBy(() -> new ClassifierService(config, registry))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("categories.billing.terms.charge");
    }

    @Test
    void shouldTimeEveryClassificationBySource() {
        ClassifierService service = new ClassifierService(config(Optional.empty()), registry);

        service.classify("Refund", null, null, ClassifierService.Source.API);
        service.classify("Refund", null, null, ClassifierService.Source.API);
        service.classify("Crash", null, null, ClassifierService.Source.EVENT);

        Timer api =
                registry.find("ts.triage.classification").tag("source", "api").timer();
        Timer event =
                registry.find("ts.triage.classification").tag("source", "event").timer();
        assertThat(api.count()).isEqualTo(2);
        assertThat(event.count()).isEqualTo(1);
        assertThat(api.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
    }

    /** triage.* with the given pack file and the recurring defaults. */
    static TriageConfig config(Optional<String> pack) {
        return new TriageConfig() {
            @Override
            public Optional<String> rulePack() {
                return pack;
            }

            @Override
            public Recurring recurring() {
                throw new UnsupportedOperationException("not used here");
            }
        };
    }
}
