package io.ticketsuite.bench;

import java.util.Properties;

/** How the benchmarks sign in to the running suite's PostgreSQL. */
final class SuitePostgres {
    private SuitePostgres() {}

    /** The JDBC properties of {@code user}, with the password from {@code TS_PG_PASSWORD} when it has one. */
    static Properties props(String user) {
        Properties props = new Properties();
        props.put("user", user);
        String password = System.getenv("TS_PG_PASSWORD");
        if (password != null && !password.isEmpty()) {
            props.put("password", password);
        }
        return props;
    }
}
