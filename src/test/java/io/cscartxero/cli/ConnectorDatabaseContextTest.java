package io.cscartxero.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.cscartxero.CsCartXeroApplication;
import io.cscartxero.ops.JobLaunchService;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.env.MockEnvironment;

/**
 * The one-shot commands that read only the connector database run in {@link ConnectorDatabaseContext} once the
 * schema is current, and in the full application (which creates or migrates it) before; both print the same.
 */
class ConnectorDatabaseContextTest {

    private final MockEnvironment env = new MockEnvironment().withProperty("spring.flyway.locations", "classpath:db/connector");

    private static String status(String url) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = Cli.run(io.cscartxero.CsCartXeroApplication.class, new String[] { "status", "--spring.datasource.url=" + url }, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(exit).isZero();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aNewDatabaseIsCreatedByTheFullApplicationThenStatusRunsInTheSmallContextWithTheSameAnswer() {
        String url = "jdbc:h2:mem:connector-db-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        DriverManagerDataSource db = new DriverManagerDataSource(url, "sa", "");
        assertThat(ConnectorDatabaseContext.schemaCurrent(db, env)).as("new database").isFalse();

        String first = status(url);   // full application: Flyway and Spring Batch's tables
        assertThat(ConnectorDatabaseContext.schemaCurrent(db, env)).as("after the first start").isTrue();
        String second = status(url);   // small context

        assertThat(first).contains("Last runs").containsPattern("productExportJob\\s+-\\s+never run");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aDatabaseMissingAMigrationIsNotCurrent() {
        String url = "jdbc:h2:mem:connector-db-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        DriverManagerDataSource db = new DriverManagerDataSource(url, "sa", "");
        status(url);
        JdbcTemplate jdbc = new JdbcTemplate(db);
        jdbc.update("DELETE FROM \"flyway_schema_history\" WHERE \"installed_rank\" = (SELECT MAX(\"installed_rank\") FROM \"flyway_schema_history\")");
        assertThat(ConnectorDatabaseContext.schemaCurrent(db, env)).isFalse();
    }

    @Test
    void theSmallContextListsTheJobsOfTheFullApplication() {
        String url = "jdbc:h2:mem:connector-db-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (var app = new SpringApplicationBuilder(CsCartXeroApplication.class).web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + url, "--spring.batch.job.enabled=false")) {
            assertThat(app.getBean(JobLaunchService.class).specs().keySet()).containsExactlyElementsOf(ConnectorDatabaseContext.JOBS);
        }
    }
}
