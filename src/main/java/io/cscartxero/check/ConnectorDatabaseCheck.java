package io.cscartxero.check;

import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The connector's own database (Spring Batch metadata, links, error log, tokens): reachable, Flyway schema
 * migrated, Spring Batch tables present. The application migrates it on start, so reaching this line means it opened.
 */
@Component
@Order(FirstRunCheck.CONNECTOR_DATABASE)
class ConnectorDatabaseCheck implements FirstRunCheck {

    private final JdbcTemplate connector;
    private final ObjectProvider<Flyway> flyway;

    ConnectorDatabaseCheck(DataSource dataSource, ObjectProvider<Flyway> flyway) {
        this.connector = new JdbcTemplate(dataSource);
        this.flyway = flyway;
    }

    @Override
    public String subject() {
        return "connector database";
    }

    @Override
    public List<CheckLine> check(CheckContext context) {
        String url = connector.execute((java.sql.Connection c) -> c.getMetaData().getURL() + " (" + c.getMetaData().getDatabaseProductName() + ")");
        Flyway migrations = flyway.getIfAvailable();
        if (migrations == null) {
            return List.of(CheckLine.fail(subject(), url + ": Flyway is not enabled", "remove spring.flyway.enabled=false"));
        }
        var info = migrations.info();
        MigrationInfo current = info.current();
        MigrationInfo[] pending = info.pending();
        if (pending.length > 0) {
            return List.of(CheckLine.fail(subject(), url + ": " + pending.length + " migration(s) not applied",
                    "start the connector once with spring.flyway.enabled=true (the default) so that it migrates its schema"));
        }
        connector.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);
        return List.of(CheckLine.ok(subject(), url + ", schema version " + (current == null ? "none" : current.getVersion())
                + " (Flyway), Spring Batch tables present"));
    }
}
