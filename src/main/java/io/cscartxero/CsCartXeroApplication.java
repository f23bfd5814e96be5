package io.cscartxero;

import io.cscartxero.cli.Cli;
import io.cscartxero.cli.ConnectorDatabaseContext;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's security and Thymeleaf auto-configurations are left out for every command: the operator console
 * ({@code console.ConsoleSecurityConfiguration}, {@code serve} with {@code console.enabled=true}) configures both for
 * its own paths only, so Actuator and every other command work as without them, and no command pays for them.
 * Boot's validation auto-configuration is left out too: the configuration records are checked by Hibernate Validator
 * as they are bound, nothing else uses a Validator bean, and Boot's would be a second bootstrap at start-up. These
 * exclusions are on the annotation, not in {@code spring.autoconfigure.exclude}: that property is the CLI's, which
 * sets it as a default property for one-shot commands (web auto-configurations skipped), and a value in
 * application.properties would silently replace it.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.rsocket.RSocketSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration",
        "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration" })
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
