package io.cscartxero.sync;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.cscartxero.xero.XeroProperties;

import org.flywaydb.core.Flyway;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh connector database for unit tests of writers and listeners: the connector's default engine (H2, in memory)
 * with its real Flyway schema, and the real {@link SyncLinkRepository}, {@link ErrorLog} and {@link SyncRecorder} on it.
 */
public final class ConnectorDb {

    public static final String TENANT = "tenant-under-test";

    public final DataSource dataSource;
    public final JdbcTemplate jdbc;
    public final DataSourceTransactionManager txManager;
    public final SyncLinkRepository links;
    public final ErrorLog errorLog;
    public final XeroProperties xero;
    public final SyncRecorder recorder;

    public ConnectorDb() {
        dataSource = new DriverManagerDataSource("jdbc:h2:mem:connector-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/connector").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        txManager = new DataSourceTransactionManager(dataSource);
        links = new SyncLinkRepository(jdbc);
        errorLog = new ErrorLog(jdbc, txManager);
        xero = xeroProperties(TENANT);
        recorder = new SyncRecorder(links, errorLog, xero);
    }

    /** The {@code xero.*} properties as the application binds them, with only the tenant set. */
    public static XeroProperties xeroProperties(String tenant) {
        return new Binder(new MapConfigurationPropertySource(Map.of("xero.tenant-id", tenant)))
                .bindOrCreate("xero", XeroProperties.class);
    }

    /** Spring Batch's job repository on this database (its H2 schema created here): real executions for listeners. */
    public org.springframework.batch.core.repository.JobRepository jobRepository() throws Exception {
        new org.springframework.jdbc.datasource.init.ResourceDatabasePopulator(
                new org.springframework.core.io.ClassPathResource("org/springframework/batch/core/schema-h2.sql")).execute(dataSource);
        org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean factory =
                new org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean();
        factory.setDataSource(dataSource);
        factory.setTransactionManager(txManager);
        factory.afterPropertiesSet();
        return factory.getObject();
    }

    /** Every error-log row, oldest first. */
    public List<ErrorLog.Row> errors() {
        return errorLog.find(null, null, 10_000).stream().sorted(java.util.Comparator.comparingLong(ErrorLog.Row::id)).toList();
    }

    /** The links of one entity, by CS-Cart id. */
    public Map<String, SyncLink> links(String entity) {
        return links.findAll(TENANT, entity);
    }

    /** The job execution that saved a link last. */
    public Long linkExecution(String entity, String cscartId) {
        return jdbc.queryForObject("SELECT job_execution_id FROM sync_link WHERE tenant_id = ? AND entity = ? AND cscart_id = ?",
                Long.class, TENANT, entity, cscartId);
    }
}
