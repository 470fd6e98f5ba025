package io.ticketsuite.routing.escalation;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Loads the escalation matrix once and, at startup, refuses to run with a matrix that names a team, a contact or an
 * on-call rotation the database does not have (the escalation would otherwise reach nobody).
 */
@ApplicationScoped
public class EscalationMatrixProducer {
    private static final Logger LOG = Logger.getLogger(EscalationMatrixProducer.class);

    @Produces
    @Singleton
    EscalationMatrix matrix(EscalationConfig config) {
        EscalationMatrix matrix = EscalationMatrixLoader.load(config.matrixLocation());
        LOG.infof("loaded %d escalation rules from %s", matrix.rules().size(), config.matrixLocation());
        return matrix;
    }

    void check(@Observes StartupEvent event, EscalationMatrix matrix, DataSource dataSource) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            missing(connection, "SELECT id FROM team", matrix.teamIds(), "teams", problems);
            missing(connection, "SELECT role FROM escalation_contact", matrix.contactRoles(), "contacts", problems);
            missing(
                    connection,
                    "SELECT team_id FROM on_call_rotation",
                    matrix.onCallTeams(),
                    "on-call rotations",
                    problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidMatrixException(problems);
        }
    }

    private static void missing(
            Connection connection, String sql, Set<String> named, String what, List<String> problems)
            throws SQLException {
        Set<String> known = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                known.add(rows.getString(1));
            }
        }
        Set<String> unknown = new TreeSet<>(named);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            problems.add("the matrix names unknown " + what + " " + unknown + "; known: " + new TreeSet<>(known));
        }
    }
}
