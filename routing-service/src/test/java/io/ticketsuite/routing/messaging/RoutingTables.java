package io.ticketsuite.routing.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/** What routing's own tables hold, read straight from its database by the flow tests. */
final class RoutingTables {
    private RoutingTables() {}

    /** The status routing holds for the ticket, or null before its first event. */
    static String status(DataSource dataSource, UUID ticket) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT status FROM routing_ticket WHERE ticket_id = ?")) {
            statement.setObject(1, ticket);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
