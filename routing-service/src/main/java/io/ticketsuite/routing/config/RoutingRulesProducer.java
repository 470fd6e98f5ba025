package io.ticketsuite.routing.config;

import io.quarkus.runtime.StartupEvent;
import io.ticketsuite.routing.rules.InvalidRulesException;
import io.ticketsuite.routing.rules.RoutingRules;
import io.ticketsuite.routing.rules.RoutingRulesLoader;
import io.ticketsuite.routing.selection.AgentSelector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Loads the routing rules once, and at startup refuses to run with rules that name a team the database does not
 * have (a typo in the rules file would otherwise fail every ticket it matches).
 */
@ApplicationScoped
public class RoutingRulesProducer {
    private static final Logger LOG = Logger.getLogger(RoutingRulesProducer.class);

    @Produces
    @Singleton
    RoutingRules rules(RoutingConfig config) {
        RoutingRules rules = RoutingRulesLoader.load(config.rulesLocation());
        LOG.infof("loaded %d routing rules from %s", rules.rules().size(), config.rulesLocation());
        return rules;
    }

    @Produces
    @Singleton
    AgentSelector selector() {
        return new AgentSelector();
    }

    void checkTeams(@Observes StartupEvent event, RoutingRules rules, DataSource dataSource) throws SQLException {
        Set<String> known = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM team")) {
            while (rows.next()) {
                known.add(rows.getString(1));
            }
        }
        Set<String> missing = new TreeSet<>(rules.teamIds());
        missing.removeAll(known);
        if (!missing.isEmpty()) {
            throw new InvalidRulesException(
                    "routing rules name unknown teams " + missing + "; known: " + new TreeSet<>(known));
        }
    }
}
