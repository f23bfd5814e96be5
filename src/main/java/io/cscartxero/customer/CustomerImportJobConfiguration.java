package io.cscartxero.customer;

import java.util.Map;
import java.util.Set;

import io.cscartxero.contact.ContactNames;
import io.cscartxero.contact.ContactSyncItem;
import io.cscartxero.contact.CsCartCustomerQueries;
import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.CsCartSchema;
import io.cscartxero.cscart.StoreSettingsService;
import io.cscartxero.infra.DataSourcesConfiguration;
import io.cscartxero.ops.GracefulShutdownListener;
import io.cscartxero.ops.JobSpec;
import io.cscartxero.sync.AdvanceWatermarkOnSuccess;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.sync.JobOutcomeListener;
import io.cscartxero.sync.SyncLinkRepository;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.sync.Watermarks;
import io.cscartxero.sync.SyncSteps;
import io.cscartxero.xero.XeroContacts;
import io.cscartxero.xero.XeroProperties;
import io.cscartxero.xero.model.Contact;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * customerImportJob: Xero Contacts → CS-Cart customers. Reads contacts modified since the last successful import
 * (first run: all), ACTIVE only; parameter {@code full=true} reads all again.
 */
@Configuration(proxyBeanMethods = false)
public class CustomerImportJobConfiguration {

    public static final String JOB = "customerImportJob";
    static final String STEP = "customerImportStep";
    static final String WATERMARK = "contacts-import";

    @Bean
    Job customerImportJob(JobRepository jobRepository, Step customerImportStep, JobOutcomeListener outcome,
            GracefulShutdownListener gracefulShutdown) {
        return new JobBuilder(JOB, jobRepository).start(customerImportStep).listener(outcome).listener(gracefulShutdown).build();
    }

    @Bean
    JobSpec customerImportJobSpec() {
        return new JobSpec(JOB, "Xero Contacts → CS-Cart customers", Map.of("full", Boolean.class));
    }

    @Bean
    Step customerImportStep(SyncSteps steps, XeroContactPageReader xeroContactReader,
            CustomerImportProcessor customerImportProcessor, CustomerImportWriter customerImportWriter, Watermarks watermarks,
            XeroProperties xero) {
        return steps.<Contact, CustomerImport>step(STEP, ContactSyncItem.CUSTOMER_ENTITY)
                .reader(xeroContactReader)
                .processor(customerImportProcessor)
                .writer(customerImportWriter)
                .listener(new AdvanceWatermarkOnSuccess(watermarks, xero.tenantKey(), WATERMARK, XeroContactPageReader.NEXT_WATERMARK))
                .build();
    }

    @Bean
    @StepScope
    XeroContactPageReader xeroContactReader(XeroContacts contacts, Watermarks watermarks, XeroProperties xero,
            @Value("#{jobParameters['full']}") Boolean full) {
        return new XeroContactPageReader(contacts, watermarks.since(xero.tenantKey(), WATERMARK, full));
    }

    /** The contacts the connector made for guests and for customers, loaded once when the step starts. */
    @Bean
    @StepScope
    CustomerImportProcessor customerImportProcessor(SyncLinkRepository links, XeroProperties xero) {
        Set<String> customerContacts = new java.util.HashSet<>();
        links.findAll(xero.tenantKey(), ContactSyncItem.CUSTOMER_ENTITY).values().stream()
                .filter(l -> l.state() == io.cscartxero.sync.SyncLink.State.SYNCED && l.xeroId() != null)
                .forEach(l -> customerContacts.add(l.xeroId()));
        return new CustomerImportProcessor(links.xeroIds(xero.tenantKey(), ContactSyncItem.GUEST_ENTITY), customerContacts);
    }

    @Bean
    @StepScope
    CustomerImportWriter customerImportWriter(@Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart,
            CsCartProperties properties, CsCartSchema schema, SyncLinkRepository links, SyncRecorder recorder, ErrorLog errorLog,
            XeroProperties xero, StoreSettingsService storeSettings, @Value("#{stepExecution}") StepExecution stepExecution,
            org.springframework.transaction.PlatformTransactionManager txManager) {
        ContactNames names = ContactNames.read(cscart.getJdbcOperations(), new CsCartCustomerQueries(properties));
        return new CustomerImportWriter(new CsCartCustomerStore(cscart, properties, schema, properties.imports().companyId(),
                () -> storeSettings.settings().language()), links, recorder, errorLog,
                xero.tenantKey(), names, stepExecution, txManager);
    }
}
