package io.cscartxero.infra;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/**
 * The connector database's pool. With the default H2 file it keeps the data directory private (0700, files 0600:
 * {@link DataDirectory}) before the database is opened, once it exists and after it closes; and it turns H2's "database
 * may be already in use" into one line that says why: an H2 file opens in one process at a time (the connector starts
 * no database server), so processes that must share the connector database use MySQL/MariaDB.
 */
public class ConnectorDataSource extends HikariDataSource {

    /** H2's DATABASE_ALREADY_OPEN_1: the file is locked by another process. */
    private static final int H2_DATABASE_IN_USE = 90020;

    private final AtomicBoolean opened = new AtomicBoolean();

    /** The pool for {@code spring.datasource.*}, its data directory made private first. */
    public static ConnectorDataSource create(DataSourceProperties properties) {
        ConnectorDataSource ds = properties.initializeDataSourceBuilder().type(ConnectorDataSource.class).build();
        ds.setPoolName("connector");
        return ds;
    }

    /** Boot's builder sets the URL first: the data directory is private before anything can open the database. */
    @Override
    public void setJdbcUrl(String jdbcUrl) {
        super.setJdbcUrl(jdbcUrl);
        if (DataDirectory.h2File(jdbcUrl).isPresent()) {
            DataDirectory.of(jdbcUrl).secure();
        }
    }

    private DataDirectory directory() {
        return DataDirectory.of(getJdbcUrl());
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            Connection c = super.getConnection();
            if (opened.compareAndSet(false, true) && DataDirectory.h2File(getJdbcUrl()).isPresent()) {
                directory().secure();   // the files H2 just created
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            SQLException inUse = inUse(e);
            if (inUse != null) {
                throw inUse;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        super.close();
        if (DataDirectory.h2File(getJdbcUrl()).isPresent()) {
            directory().secure();   // a trace or temporary file H2 wrote while open
        }
    }

    private SQLException inUse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_IN_USE) {
                String file = DataDirectory.h2File(getJdbcUrl()).map(p -> p + ".mv.db").orElse(getJdbcUrl());
                return new SQLException(file + " is in use by another connector process (serve, or a job still running): "
                        + "an H2 file database opens in one process at a time and the connector starts no database server. "
                        + "Wait for that process to end or stop it; to share the connector database between processes, put it on "
                        + "MySQL/MariaDB (spring.datasource.url, SPRING_DATASOURCE_URL)", "08001", H2_DATABASE_IN_USE);
            }
        }
        return null;
    }
}
