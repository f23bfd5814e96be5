package io.cscartxero.testsupport;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fresh, empty database on the shared test server (see {@link TestDatabases#create(String)}).
 *
 * @param name     database (schema) name, unique per call
 * @param jdbcUrl  {@code jdbc:mysql://host:port/<name>?...} for mysql-connector-j
 * @param username account with all privileges on the database
 * @param password its password
 */
public record TestDatabase(String name, String jdbcUrl, String username, String password) {

    /** A small pooled DataSource (HikariCP, at most 8 connections), created once per database and reused. */
    public DataSource dataSource() {
        return TestDatabases.dataSource(this);
    }

    /** A {@link JdbcTemplate} on {@link #dataSource()}. */
    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource());
    }

    /** Closes the pool and drops the database (optional: the embedded server's data is deleted at JVM exit). */
    public void drop() {
        TestDatabases.drop(this);
    }

    @Override
    public String toString() {
        return "TestDatabase[" + jdbcUrl + ", user " + username + "]";
    }
}
