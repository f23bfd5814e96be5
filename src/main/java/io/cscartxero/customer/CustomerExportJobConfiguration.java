package io.cscartxero.customer;

import java.time.LocalDate;
import java.util.Map;

import javax.sql.DataSource;

import io.cscartxero.contact.ContactNames;
import io.cscartxero.contact.ContactSyncItem;
import io.cscartxero.contact.ContactWriter;
import io.cscartxero.contact.CsCartCustomer;
import io.cscartxero.contact.CsCartCustomerQueries;
import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.StoreSettings;
import io.cscartxero.infra.DataSourcesConfiguration;
import io.cscartxero.ops.GracefulShutdownListener;
import io.cscartxero.ops.JobSpec;
import io.cscartxero.ops.ParameterLists;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.sync.ProgressLogger;
import io.cscartxero.sync.SyncLinkRepository;
import io.cscartxero.sync.SyncProperties;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.sync.JobOutcomeListener;
import io.cscartxero.sync.SyncSteps;
import io.cscartxero.xero.XeroCallMetrics;
import io.cscartxero.xero.XeroContacts;
import io.cscartxero.xero.XeroProperties;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.item.database.support.MySqlPagingQueryProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * customerExportJob: CS-Cart customers → Xero Contacts. Parameters: {@code userIds} (comma list),
 * {@code since} (registration date, LocalDate), {@code full} (send even if unchanged).
 */
@Configuration(proxyBeanMethods = false)
public class CustomerExportJobConfiguration {

    public static final String JOB = "customerExportJob";
    static final String STEP = "customerExportStep";

    @Bean
    Job customerExportJob(JobRepository jobRepository, Step customerExportStep, JobOutcomeListener outcome,
            GracefulShutdownListener gracefulShutdown) {
        return new JobBuilder(JOB, jobRepository).start(customerExportStep).listener(outcome).listener(gracefulShutdown).build();
    }

    @Bean
    JobSpec customerExportJobSpec() {
        return new JobSpec(JOB, "CS-Cart customers → Xero Contacts",
                Map.of("userIds", String.class, "since", LocalDate.class, "full", Boolean.class, "changedAfter", Long.class));
    }

    @Bean
    Step customerExportStep(SyncSteps steps, JdbcPagingItemReader<CsCartCustomer> customerReader,
            CustomerToContactProcessor customerToContactProcessor, ContactWriter customerContactWriter,
            ProgressLogger<CsCartCustomer, ContactSyncItem> customerProgress) {
        return steps.<CsCartCustomer, ContactSyncItem>step(STEP, ContactSyncItem.CUSTOMER_ENTITY)
                .reader(customerReader)
                .processor(customerToContactProcessor)
                .writer(customerContactWriter)
                .progress(customerProgress)
                .build();
    }

    /** Step-scoped: a customer Xero took without its e-mail gets a warning row of this step. */
    @Bean
    @StepScope
    ContactWriter customerContactWriter(XeroContacts contacts, SyncRecorder recorder, ErrorLog errorLog,
            @Value("#{stepExecution}") StepExecution stepExecution) {
        return ContactWriter.forCustomers(contacts, recorder, errorLog, stepExecution);
    }

    @Bean
    @StepScope
    JdbcPagingItemReader<CsCartCustomer> customerReader(@Qualifier(DataSourcesConfiguration.CSCART) DataSource cscart,
            CsCartProperties properties, SyncProperties sync, SyncLinkRepository links, XeroProperties xero,
            @Value("#{jobParameters['userIds']}") String userIds, @Value("#{jobParameters['since']}") LocalDate since,
            @Value("#{jobParameters['changedAfter']}") Long changedAfter, StoreSettings store) throws Exception {
        var queries = new CsCartCustomerQueries(properties);
        var filter = new CsCartCustomerQueries.Filter(ParameterLists.ids(userIds, "userIds"), since, changedAfter, store.zone(),
                requeued(links, xero, changedAfter));
        MySqlPagingQueryProvider query = new MySqlPagingQueryProvider();
        query.setSelectClause(queries.selectClause());
        query.setFromClause(queries.fromClause(filter));
        query.setSortKeys(Map.of("user_id", Order.ASCENDING));
        return new JdbcPagingItemReaderBuilder<CsCartCustomer>()
                .name("customerReader")           // restart state key: customerReader.start.after
                .dataSource(cscart)
                .queryProvider(query)
                .parameterValues(filter.parameters())
                .pageSize(Math.max(sync.chunkSize(), 100))
                .rowMapper(CsCartCustomerQueries.ROW_MAPPER)
                .build();
    }

    @Bean
    @StepScope
    CustomerToContactProcessor customerToContactProcessor(@Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart,
            CsCartProperties properties, SyncLinkRepository links, XeroProperties xero,
            @Value("#{jobParameters['full']}") Boolean full) {
        ContactNames names = ContactNames.read(cscart.getJdbcOperations(), new CsCartCustomerQueries(properties));
        return new CustomerToContactProcessor(links.findAll(xero.tenantKey(), ContactSyncItem.CUSTOMER_ENTITY), names,
                Boolean.TRUE.equals(full));
    }

    @Bean
    @StepScope
    ProgressLogger<CsCartCustomer, ContactSyncItem> customerProgress(@Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart,
            CsCartProperties properties, XeroCallMetrics metrics, SyncLinkRepository links, XeroProperties xero,
            @Value("#{jobParameters['userIds']}") String userIds, @Value("#{jobParameters['since']}") LocalDate since,
            @Value("#{jobParameters['changedAfter']}") Long changedAfter, StoreSettings store) {
        var filter = new CsCartCustomerQueries.Filter(ParameterLists.ids(userIds, "userIds"), since, changedAfter, store.zone(),
                requeued(links, xero, changedAfter));
        String count = new CsCartCustomerQueries(properties).countQuery(filter);
        return new ProgressLogger<>(() -> {
            Long n = cscart.queryForObject(count, filter.parameters(), Long.class);
            return n == null ? 0 : n;
        }, metrics);
    }

    /** For a change run: the customers whose contact link {@code reconcile --repair} re-queued (read although unchanged). */
    static java.util.List<Long> requeued(SyncLinkRepository links, XeroProperties xero, Long changedAfter) {
        return changedAfter == null ? java.util.List.of() : links.requeuedIds(xero.tenantKey(), ContactSyncItem.CUSTOMER_ENTITY);
    }
}
