package io.ticketsuite.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's own account of what the suite's statements cost ({@code pg_stat_statements}), for bench/statements.sh:
 *
 * <ul>
 *   <li>{@code preload}: asks PostgreSQL to load the module at its next start; exit code 3 when that start is still
 *       needed, 0 when the module is loaded already;
 *   <li>{@code reset}: creates the extension in every database of the suite if missing, and clears its counts;
 *   <li>{@code report [top]}: per database, the statements' calls and execution time in all, then the {@code top}
 *       statements by execution time (calls, ms, shared blocks touched, the statement's first 110 characters).
 * </ul>
 *
 * Execution time is wall time inside PostgreSQL: on a busy machine the wait for a core is in it. Arguments: host, port,
 * user (password from {@code TS_PG_PASSWORD}), then the command.
 */
public final class SuiteStatements {
    private SuiteStatements() {}

    public static void main(String[] args) throws SQLException {
        String url = "jdbc:postgresql://" + args[0] + ":" + args[1] + "/";
        String user = args[2];
        String command = args[3];
        switch (command) {
            case "preload" -> System.exit(preload(url, user) ? 0 : 3);
            case "reset" -> reset(url, user);
            case "report" -> report(url, user, args.length > 4 ? Integer.parseInt(args[4]) : 15);
            default -> throw new IllegalArgumentException("preload | reset | report [top], not " + command);
        }
    }

    private static boolean preload(String url, String user) throws SQLException {
        try (Connection c = open(url + "postgres", user);
                Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SHOW shared_preload_libraries");
            rs.next();
            if (rs.getString(1).contains("pg_stat_statements")) {
                return true;
            }
            s.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
            return false;
        }
    }

    private static void reset(String url, String user) throws SQLException {
        for (String db : databases(url, user)) {
            try (Connection c = open(url + db, user);
                    Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                s.execute("SELECT pg_stat_statements_reset()");
            }
        }
    }

    private static void report(String url, String user, int top) throws SQLException {
        String mine =
                " FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database()";
        for (String db : databases(url, user)) {
            try (Connection c = open(url + db, user);
                    Statement s = c.createStatement()) {
                ResultSet total =
                        s.executeQuery("SELECT coalesce(sum(calls), 0), coalesce(sum(total_exec_time), 0)" + mine);
                total.next();
                System.out.printf("== %s: %,d calls, %,.0f ms%n", db, total.getLong(1), total.getDouble(2));
                ResultSet rs = s.executeQuery("SELECT calls, total_exec_time, shared_blks_hit + shared_blks_read,"
                        + " left(regexp_replace(query, '\\s+', ' ', 'g'), 110)" + mine
                        + " ORDER BY total_exec_time DESC LIMIT " + top);
                while (rs.next()) {
                    System.out.printf(
                            "%8d calls %9.0f ms %10d blocks  %s%n",
                            rs.getLong(1), rs.getDouble(2), rs.getLong(3), rs.getString(4));
                }
            }
        }
    }

    private static List<String> databases(String url, String user) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = open(url + "postgres", user);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT datname FROM pg_database WHERE datname LIKE 'ticketsuite%'" + " ORDER BY datname")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static Connection open(String url, String user) throws SQLException {
        return DriverManager.getConnection(url, SuitePostgres.props(user));
    }
}
