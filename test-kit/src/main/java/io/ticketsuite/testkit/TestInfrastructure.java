package io.ticketsuite.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * The test resource of every service: points the application at the shared test broker and at a fresh
 * database of its own, dropped when the application stops, and makes it trust {@link TestTokens}' bearer tokens. Use it with
 * {@code @QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service",
 * value = "intake"))}.
 */
public class TestInfrastructure implements QuarkusTestResourceLifecycleManager {
    private String service = "service";
    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service);
    }

    @Override
    public Map<String, String> start() {
        String bootstrap = SharedInfra.kafkaBootstrap();
        SharedInfra.Pg pg = SharedInfra.postgres();
        database = SharedInfra.createDatabase(service);
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", bootstrap);
        config.put("quarkus.datasource.reactive.url", pg.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database));
        config.put("quarkus.datasource.username", pg.user());
        config.put("quarkus.datasource.password", pg.password());
        config.putAll(TestTokens.oidcConfig());
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            SharedInfra.dropDatabase(database);
            database = null;
        }
    }
}
