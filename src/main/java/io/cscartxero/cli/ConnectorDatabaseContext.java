package io.cscartxero.cli;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.cscartxero.ops.ExecutionHistory;
import io.cscartxero.ops.HistoryPurge;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.xero.DailyCallsLeft;
import io.cscartxero.xero.XeroCallMetrics;
import io.cscartxero.xero.auth.StoredTenantConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The context of the one-shot commands that only read or tidy the connector database ({@code status},
 * {@code executions}, {@code errors}, {@code purge}): the connector's DataSource, a JdbcTemplate and a transaction
 * manager, the few repositories these commands use, and the three {@code @ConfigurationProperties} records
 * ({@code xero}, {@code cscart}, {@code sync}: every setting of the connector, bound and validated, so a malformed
 * setting is reported as one line here too) besides Spring's {@code spring.datasource}. No auto-configuration: no Spring Batch, no jobs, no web server,
 * no Actuator, no Flyway; it starts in a fraction of the full application's time.
 * <p>
 * It is used only when the connector database is already current (every migration applied, Spring Batch's tables
 * present: {@link #schemaCurrent}); on a new or older database the command runs in the full application, which
 * creates or migrates the schema first.
 * <p>
 * Deliberately not a {@code @Configuration}: the full application's component scan must not pick it up (it is the
 * primary source of its own application only; its {@code @Bean} methods are processed all the same).
 */
@EnableConfigurationProperties(DataSourceProperties.class)
@ConfigurationPropertiesScan("io.cscartxero")
// StoredTenantConfiguration: after connect, the stored organisation is the tenant, as in the full application
@Import({ ExecutionHistory.class, ErrorLog.class, HistoryPurge.class, DailyCallsLeft.class, XeroCallMetrics.class,
        StoredTenantConfiguration.class })
public class ConnectorDatabaseContext {

    /**
     * The jobs {@code status} lists, as the full application's {@code JobLaunchService.specs()} names them (a test
     * keeps the two equal).
     */
    static final List<String> JOBS = List.of("customerExportJob", "customerImportJob", "orderDeleteJob", "orderExportJob",
            "paymentExportJob", "productDeleteJob", "productExportJob", "productImportJob", "reconcileJob", "refundExportJob");

    private static final Pattern MIGRATION = Pattern.compile("V([0-9._]+)__.*\\.sql");

    /** The names of the jobs: from the running jobs in the full application, the list above in this context. */
    static Set<String> jobNames(ApplicationContext app) {
        JobLaunchService jobs = app.getBeanProvider(JobLaunchService.class).getIfAvailable();
        return jobs != null ? jobs.specs().keySet() : new java.util.TreeSet<>(JOBS);
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties) {
        HikariDataSource ds = io.cscartxero.infra.ConnectorDataSource.create(properties);   // data directory kept private
        ds.setMinimumIdle(1);
        ds.setMaximumPoolSize(2);
        return ds;
    }

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    DataSourceTransactionManager transactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    /** For {@link XeroCallMetrics}, which {@link DailyCallsLeft} reads; nothing is exported from this context. */
    @Bean
    SimpleMeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    /**
     * Whether the connector database already has the schema this version of the connector expects: every Flyway
     * migration under {@code spring.flyway.locations} applied successfully and Spring Batch's tables present.
     */
    public static boolean schemaCurrent(DataSource dataSource, Environment env) {
        try (Connection c = dataSource.getConnection()) {
            Set<String> tables = tables(c.getMetaData(), c);
            if (!tables.contains("BATCH_JOB_EXECUTION") || !tables.contains("BATCH_STEP_EXECUTION")) {
                return false;
            }
            if (!env.getProperty("spring.flyway.enabled", Boolean.class, true)) {
                return true;
            }
            Set<String> expected = migrations(env.getProperty("spring.flyway.locations", "classpath:db/migration"));
            String historyTable = env.getProperty("spring.flyway.table", "flyway_schema_history");
            if (!tables.contains(historyTable.toUpperCase(Locale.ROOT))) {
                return expected.isEmpty();
            }
            String quote = c.getMetaData().getIdentifierQuoteString().trim();
            Set<String> applied = new HashSet<>();
            try (var st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT " + quote + "version" + quote + ", " + quote + "success" + quote
                            + " FROM " + quote + historyTable + quote)) {
                while (rs.next()) {
                    if (rs.getString(1) != null && rs.getBoolean(2)) {
                        applied.add(normalise(rs.getString(1)));
                    }
                }
            }
            return applied.containsAll(expected);
        } catch (SQLException | RuntimeException e) {
            return false;   // the full application says what is wrong
        }
    }

    private static Set<String> tables(DatabaseMetaData meta, Connection c) throws SQLException {
        Set<String> names = new HashSet<>();
        try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] { "TABLE" })) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toUpperCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static Set<String> migrations(String locations) {
        Set<String> versions = new HashSet<>();
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        for (String location : locations.split(",")) {
            String base = location.trim();
            if (!base.startsWith("classpath:")) {
                throw new IllegalStateException("not a classpath location: " + base);   // -> the full application
            }
            try {
                for (Resource r : resolver.getResources("classpath*:" + base.substring("classpath:".length()) + "/V*__*.sql")) {
                    Matcher m = MIGRATION.matcher(r.getFilename() == null ? "" : r.getFilename());
                    if (m.matches()) {
                        versions.add(normalise(m.group(1)));
                    }
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return versions;
    }

    /** Flyway's version text: {@code 1_2} and {@code 1.2} are the same version, trailing zeros do not count. */
    private static String normalise(String version) {
        String v = version.replace('_', '.');
        while (v.endsWith(".0")) {
            v = v.substring(0, v.length() - 2);
        }
        return v;
    }
}
