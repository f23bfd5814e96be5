package io.cscartxero;

import io.cscartxero.cli.Cli;
import io.cscartxero.cli.ConnectorDatabaseContext;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CsCartXeroApplication {

    public static void main(String[] args) {
        System.exit(Cli.run(CsCartXeroApplication.class, args));
    }

    /**
     * Flyway migrates (and, before that, validates the checksum of every applied migration) only when the connector
     * database lacks one of this version's migrations or Spring Batch's tables: the same check that lets the one-shot
     * commands skip the full application ({@link ConnectorDatabaseContext#schemaCurrent}). On a current database a
     * start saves Flyway's validation (issue 11: launch to the first write); {@code check} still validates.
     */
    @Bean
    FlywayMigrationStrategy migrateUnlessCurrent(Environment env) {
        return flyway -> {
            if (!ConnectorDatabaseContext.schemaCurrent(flyway.getConfiguration().getDataSource(), env)) {
                flyway.migrate();
            }
        };
    }
}
