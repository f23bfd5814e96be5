package io.cscartxero.reconcile;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import io.cscartxero.contact.ContactSyncItem;
import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.InvoicedOrderScope;
import io.cscartxero.cscart.StoreSettingsService;
import io.cscartxero.infra.DataSourcesConfiguration;
import io.cscartxero.ops.GracefulShutdownListener;
import io.cscartxero.ops.JobSpec;
import io.cscartxero.sync.JobOutcomeListener;
import io.cscartxero.sync.SyncLinkRepository;
import io.cscartxero.sync.SyncProperties;
import io.cscartxero.xero.XeroHttp;
import io.cscartxero.xero.XeroProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * reconcileJob: compares the store with Xero for a period ({@code since}, {@code until}: days in the store's time
 * zone; both optional) and writes the report ({@code reconcile_run}, {@code reconcile_difference}) and a one-line
 * summary. Read-only on both sides. One tasklet step: it holds nothing worth a checkpoint (a failed run is simply
 * run again), and its reads are batched by the Xero side ({@code read=auto|list|ids}).
 */
@Configuration(proxyBeanMethods = false)
public class ReconcileJobConfiguration {

    public static final String JOB = "reconcileJob";
    static final String STEP = "reconcileStep";
    private static final Logger log = LoggerFactory.getLogger(ReconcileJobConfiguration.class);

    @Bean
    Job reconcileJob(JobRepository jobRepository, Step reconcileStep, JobOutcomeListener outcome,
            GracefulShutdownListener gracefulShutdown) {
        return new JobBuilder(JOB, jobRepository).validator(ReconcileJobConfiguration::validate).start(reconcileStep)
                .listener(outcome).listener(gracefulShutdown).build();
    }

    /** Before any execution exists (run and the CLI call it): a known read mode, and since not after until. */
    static void validate(JobParameters parameters) throws InvalidJobParametersException {
        if (parameters == null) {
            return;
        }
        try {
            Reconciler.ReadMode.choose(parameters.getString("read"));
        } catch (IllegalArgumentException e) {
            throw new InvalidJobParametersException(e.getMessage());
        }
        LocalDate since = parameters.getLocalDate("since");
        LocalDate until = parameters.getLocalDate("until");
        if (since != null && until != null && since.isAfter(until)) {
            throw new InvalidJobParametersException("since=" + since + " is after until=" + until);
        }
    }

    @Bean
    JobSpec reconcileJobSpec() {
        return new JobSpec(JOB, "store ↔ Xero reconciliation report (read-only)", Map.of("since", LocalDate.class,
                "until", LocalDate.class, "read", String.class));
    }

    @Bean
    Step reconcileStep(JobRepository jobRepository, PlatformTransactionManager txManager, ReconcileTasklet reconcileTasklet) {
        return new StepBuilder(STEP, jobRepository).tasklet(reconcileTasklet, txManager).build();
    }

    @Bean
    ReconcileTasklet reconcileTasklet(@Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart,
            CsCartProperties cscartProperties, XeroHttp http, XeroProperties xero, SyncProperties sync, StoreSettingsService store,
            SyncLinkRepository links, JdbcTemplate connector, ReconcileReport report) {
        return new ReconcileTasklet(cscart, cscartProperties, http, xero, sync, store, links, connector, report);
    }

    /** The one step's work. */
    static final class ReconcileTasklet implements Tasklet {

        private final NamedParameterJdbcTemplate cscart;
        private final CsCartProperties cscartProperties;
        private final XeroHttp http;
        private final XeroProperties xero;
        private final SyncProperties sync;
        private final StoreSettingsService store;
        private final SyncLinkRepository links;
        private final JdbcTemplate connector;
        private final ReconcileReport report;

        ReconcileTasklet(NamedParameterJdbcTemplate cscart, CsCartProperties cscartProperties, XeroHttp http, XeroProperties xero,
                SyncProperties sync, StoreSettingsService store, SyncLinkRepository links, JdbcTemplate connector, ReconcileReport report) {
            this.cscart = cscart;
            this.cscartProperties = cscartProperties;
            this.http = http;
            this.xero = xero;
            this.sync = sync;
            this.store = store;
            this.links = links;
            this.connector = connector;
            this.report = report;
        }

        @Override
        public RepeatStatus execute(StepContribution contribution, org.springframework.batch.core.scope.context.ChunkContext chunkContext) {
            JobExecution job = contribution.getStepExecution().getJobExecution();
            JobParameters parameters = job.getJobParameters();
            LocalDate since = parameters.getLocalDate("since");
            LocalDate until = parameters.getLocalDate("until");
            String tenant = xero.tenantKey();
            StoreSide storeSide = new StoreSide(cscart, cscartProperties);
            Reconciler.Setup setup = new Reconciler.Setup(xero.invoiceNumberPrefix(), xero.invoiceStatus(), storeSide.paidStatuses(),
                    xero::paymentAccountFor, links.findAll(tenant, "INVOICE"), links.findAll(tenant, ContactSyncItem.CUSTOMER_ENTITY),
                    links.findAll(tenant, ContactSyncItem.GUEST_ENTITY), links.findAll(tenant, "ITEM"), links.findAll(tenant, "PAYMENT"),
                    links.findAll(tenant, "CREDIT_NOTE").keySet(), lastInvoiceErrors(), reissuedAs(tenant), reissuedXeroIds(tenant),
                    ReconcileRepair.highestIssues(connector, tenant, xero.invoiceNumberPrefix()));
            InvoicedOrderScope scope = InvoicedOrderScope.of(cscartProperties, sync.orderStatuses(), since, until, store.settings().zone());
            long runId = report.start(tenant, job.getId(), since, until);
            Reconciler.Report result = new Reconciler(storeSide, new XeroSide(http), setup).run(scope, parameters.getString("read"));
            report.finish(runId, result);
            for (int i = 0; i < result.orders(); i++) {
                contribution.incrementReadCount();
            }
            contribution.incrementWriteCount(result.differences().size());
            contribution.getStepExecution().getExecutionContext().putLong("reconcile.runId", runId);
            log.info("{} (run {})", result.summary(), runId);
            return RepeatStatus.FINISHED;
        }

        /** Per order, the number of its last re-issue ({@code reissued_invoice}). */
        private Map<String, String> reissuedAs(String tenant) {
            Map<String, String> numbers = new HashMap<>();
            connector.query("SELECT order_id, reissued_as FROM reissued_invoice WHERE tenant_id = ? ORDER BY issue", rs -> {
                numbers.put(rs.getString("order_id"), rs.getString("reissued_as"));
            }, tenant);
            return numbers;
        }

        /** The voided or deleted invoices the connector re-issued: they belong to their order. */
        private java.util.Set<String> reissuedXeroIds(String tenant) {
            return new java.util.HashSet<>(connector.queryForList("SELECT xero_id FROM reissued_invoice WHERE tenant_id = ? "
                    + "AND xero_id IS NOT NULL", String.class, tenant));
        }

        /** Per order, the last message orderExportJob logged for it (not warnings): why it has no invoice. */
        private Map<String, String> lastInvoiceErrors() {
            Map<String, String> errors = new HashMap<>();
            connector.query("SELECT cscart_id, message FROM sync_error WHERE job_name = 'orderExportJob' AND entity = 'INVOICE' "
                    + "AND message NOT LIKE 'Warning:%' ORDER BY id", rs -> {
                        errors.put(rs.getString("cscart_id"), rs.getString("message"));
                    });
            return errors;
        }
    }

}
