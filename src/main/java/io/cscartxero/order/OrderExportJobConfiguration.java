package io.cscartxero.order;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import io.cscartxero.contact.ContactSyncItem;
import io.cscartxero.contact.ContactWriter;
import io.cscartxero.contact.OrderContactFactory;
import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.bookkeeping.SalesBooking;
import io.cscartxero.cscart.StoreSettings;
import io.cscartxero.infra.DataDirectory;
import io.cscartxero.infra.DataSourcesConfiguration;
import io.cscartxero.ops.GracefulShutdownListener;
import io.cscartxero.ops.JobSpec;
import io.cscartxero.ops.ParameterLists;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.sync.JobOutcomeListener;
import io.cscartxero.sync.ProgressLogger;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncLinkRepository;
import io.cscartxero.sync.SyncProperties;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.sync.SyncSteps;
import io.cscartxero.tax.TaxPlanService;
import io.cscartxero.xero.BookkeepingProperties;
import io.cscartxero.xero.XeroCallMetrics;
import io.cscartxero.xero.XeroContacts;
import io.cscartxero.xero.XeroInvoices;
import io.cscartxero.xero.XeroPayments;
import io.cscartxero.xero.XeroOrganisation;
import io.cscartxero.xero.XeroPreflight;
import io.cscartxero.xero.XeroProperties;
import io.cscartxero.xero.XeroTrackingCategories;

import org.springframework.batch.core.configuration.annotation.JobScope;
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
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * orderExportJob: CS-Cart orders → Xero sales invoices (ACCREC) whose total equals orders.total to the cent.
 * Parameters: {@code statuses} (default {@code sync.order-statuses}, P,C), {@code since} (placed on or after, store
 * time zone), {@code orderIds}, {@code full}, {@code dryRun} (+ {@code report} file).
 * <p>
 * Two steps over the same orders: {@code orderBuyerStep} ({@link BuyerContactReader} → {@link ContactWriter#forBuyers ContactWriter})
 * sends the contacts the orders need and Xero lacks, 50 per call; {@code orderExportStep} ({@link OrderReader} →
 * {@link OrderToInvoiceProcessor} → {@link XeroInvoiceWriter}) sends only invoices, 50 per call, each buyer's
 * ContactID taken from the links. The settings (tax plan, pre-flight) are job-scoped: settled once, before the first
 * contact or invoice is sent.
 */
@Configuration(proxyBeanMethods = false)
public class OrderExportJobConfiguration {

    public static final String JOB = "orderExportJob";
    static final String STEP = "orderExportStep";
    static final String BUYER_STEP = "orderBuyerStep";

    /** Two steps: the buyers' contacts Xero lacks, 50 per call; then the invoices, 50 per call. */
    @Bean
    Job orderExportJob(JobRepository jobRepository, Step orderBuyerStep, Step orderExportStep, JobOutcomeListener outcome,
            GracefulShutdownListener gracefulShutdown, DryRunReportFiles dryRunReportFiles) {
        return new JobBuilder(JOB, jobRepository).validator(dryRunReportFiles).start(orderBuyerStep).next(orderExportStep)
                .listener(outcome).listener(gracefulShutdown).build();
    }

    /** Where dry-run reports may go ({@code sync.report-dir}, else data/reports); checks {@code report=} before a run. */
    @Bean
    DryRunReportFiles dryRunReportFiles(SyncProperties sync, DataDirectory dataDirectory,
            JobRepository jobRepository) {
        return new DryRunReportFiles(DryRunReportFiles.directory(sync.reportDir(), dataDirectory), jobRepository);
    }

    @Bean
    Step orderBuyerStep(SyncSteps steps, BuyerContactReader buyerContactReader, ContactWriter buyerContactWriter,
            ProgressLogger<ContactSyncItem, ContactSyncItem> buyerProgress) {
        return steps.<ContactSyncItem, ContactSyncItem>step(BUYER_STEP, ContactSyncItem.CUSTOMER_ENTITY)
                .reader(buyerContactReader)
                .writer(buyerContactWriter)
                .progress(buyerProgress)
                .build();
    }

    /** Total: the distinct buyers of the run's orders (registered customers and guest e-mails), linked or not. */
    @Bean
    @StepScope
    ProgressLogger<ContactSyncItem, ContactSyncItem> buyerProgress(@Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart,
            CsCartProperties properties, XeroCallMetrics metrics, OrderExportFilter orderExportFilter,
            @Value("#{jobParameters['dryRun']}") Boolean dryRun) {
        var filter = orderExportFilter.filter();
        String count = buyerCountQuery(properties, filter);
        return new ProgressLogger<>(() -> {
            if (Boolean.TRUE.equals(dryRun)) {
                return 0;   // a dry run sends no contact
            }
            Long n = cscart.queryForObject(count, filter.parameters(), Long.class);
            return n == null ? 0 : n;
        }, metrics);
    }

    @Bean
    @StepScope
    BuyerContactReader buyerContactReader(@Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart,
            CsCartProperties properties, SyncProperties sync, SyncLinkRepository links, XeroProperties xero,
            OrderExportFilter orderExportFilter, @Value("#{jobParameters['dryRun']}") Boolean dryRun) {
        var filter = orderExportFilter.filter();
        String query = BuyerContactReader.pageQuery(new CsCartOrderQueries(properties).fromClause(filter));
        return new BuyerContactReader(cscart, query, filter.parameters(), new OrderContactFactory(cscart, properties), links,
                xero.tenantKey(), Math.max(500, sync.chunkSize()), !Boolean.TRUE.equals(dryRun));
    }

    @Bean
    @StepScope
    ContactWriter buyerContactWriter(XeroContacts contacts, SyncRecorder recorder, OrderExportSettings orderExportSettings,
            @Value("#{stepExecution}") StepExecution stepExecution) {
        // the pre-flight (currency, accounts, tax plan) before the first contact: a run that cannot invoice sends nothing
        return ContactWriter.forBuyers(contacts, recorder, stepExecution, orderExportSettings::currency);
    }

    @Bean
    JobSpec orderExportJobSpec() {
        return new JobSpec(JOB, "CS-Cart orders → Xero invoices", Map.of("statuses", String.class, "since", LocalDate.class,
                "orderIds", String.class, "full", Boolean.class, "dryRun", Boolean.class, "report", String.class,
                "changedAfter", Long.class));
    }

    @Bean
    Step orderExportStep(SyncSteps steps, OrderReader orderReader, OrderToInvoiceProcessor orderToInvoiceProcessor,
            InvoiceWriter invoiceWriter, ProgressLogger<SourceOrder, InvoiceSyncItem> orderProgress, SyncProperties sync,
            ThreadPoolTaskExecutor dryRunThreads) {
        Step send = steps.<SourceOrder, InvoiceSyncItem>step(STEP, XeroInvoiceWriter.ENTITY)
                .reader(orderReader)
                .processor(orderToInvoiceProcessor)
                .writer(invoiceWriter)
                .progress(orderProgress)
                .build();
        // a dry run sends nothing: chunks of two reader pages instead of one Xero call, the invoices of a chunk computed on
        // all cores (same name, beans and restart state; the report keeps the orders' order)
        Step dryRun = steps.<SourceOrder, InvoiceSyncItem>step(STEP, XeroInvoiceWriter.ENTITY)
                .chunkSize(Math.max(DryRunOrSendStep.DRY_RUN_CHUNK, sync.chunkSize()))
                .processorThreads(dryRunThreads)
                .reader(orderReader)
                .processor(orderToInvoiceProcessor)
                .writer(invoiceWriter)
                .progress(orderProgress)
                .build();
        return new DryRunOrSendStep(send, dryRun);
    }

    /** The dry run's processor threads: one per core, started on first use. */
    @Bean
    ThreadPoolTaskExecutor dryRunThreads() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        int cores = Runtime.getRuntime().availableProcessors();
        executor.setCorePoolSize(cores);
        executor.setMaxPoolSize(cores);
        executor.setDaemon(true);
        executor.setThreadNamePrefix("orderDryRun-");
        return executor;
    }

    /** Job-scoped: settled once per execution, by whichever step first needs it. */
    @Bean
    @JobScope
    OrderExportSettings orderExportSettings(@Qualifier(DataSourcesConfiguration.CSCART) DataSource cscartDataSource, CsCartProperties properties,
            BookkeepingProperties bookkeeping, XeroOrganisation organisation, XeroPreflight preflight, TaxPlanService taxPlans,
            StoreSettings store, XeroProperties xero, XeroTrackingCategories trackingCategories, OrderExportFilter orderExportFilter,
            @Value("#{jobParameters['dryRun']}") Boolean dryRun) {
        // the tax plan covers exactly the orders the reader will read
        var scope = orderExportFilter.filter();
        return OrderExportSettings.resolve(cscartDataSource, properties, scope, bookkeeping, organisation, preflight, taxPlans,
                store, Boolean.TRUE.equals(dryRun), SalesBooking.of(xero), trackingCategories);
    }

    @Bean
    @StepScope
    OrderReader orderReader(@Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart, CsCartProperties properties,
            SyncProperties sync, SyncLinkRepository links, XeroProperties xero, OrderExportFilter orderExportFilter,
            @Value("#{jobParameters['dryRun']}") Boolean dryRun) {
        var queries = new CsCartOrderQueries(properties);
        var filter = orderExportFilter.filter();
        Map<Long, String> itemCodes = new HashMap<>();
        for (SyncLink link : links.findSynced(xero.tenantKey(), "ITEM")) {
            itemCodes.put(Long.valueOf(link.cscartId()), link.xeroKey());
        }
        // pages of 500 orders: three queries per page, whatever the chunk size (restart position = last order handed
        // out). Not more: MariaDB turns an IN list of 1,000 values into a join with a temporary table
        // (in_predicate_conversion_threshold), which doubled its CPU per order
        return new OrderReader(cscart, queries, filter, itemCodes, Math.max(500, sync.chunkSize()),
                new io.cscartxero.cscart.RmaReturns(cscart, properties), Boolean.TRUE.equals(dryRun) ? 2 : 1);
    }

    @Bean
    @StepScope
    OrderToInvoiceProcessor orderToInvoiceProcessor(OrderExportSettings orderExportSettings, BookkeepingProperties bookkeeping,
            SyncLinkRepository links, XeroProperties xero, @Value("#{jobParameters['full']}") Boolean full,
            @Value("#{jobParameters['dryRun']}") Boolean dryRun,
            @Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart, CsCartProperties properties) {
        Set<Long> refunded = new io.cscartxero.cscart.RmaReturns(cscart, properties).ordersWithCompletedRefunds();
        // what the invoices of those orders reflect, as their links recorded (field values: one query)
        Map<Long, Set<Long>> reflected = new HashMap<>();
        links.findByCscartIds(xero.tenantKey(), XeroInvoiceWriter.ENTITY, refunded.stream().map(String::valueOf).toList())
                .forEach((id, link) -> {
                    Set<Long> ids = io.cscartxero.cscart.RmaReturns.InInvoice.of(link.fieldValues());
                    if (ids != null) reflected.put(Long.valueOf(id), ids);
                });
        return new OrderToInvoiceProcessor(orderExportSettings.calculator(), bookkeeping, orderExportSettings.currency(),
                orderExportSettings.zone(), links.findAll(xero.tenantKey(), XeroInvoiceWriter.ENTITY), Boolean.TRUE.equals(full),
                refunded, reflected, Boolean.TRUE.equals(dryRun));
    }

    @Bean
    @StepScope
    InvoiceWriter invoiceWriter(XeroInvoices invoices, XeroPayments payments,
            @Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart, CsCartProperties properties,
            SyncLinkRepository links, SyncRecorder recorder, ErrorLog errorLog, XeroProperties xero,
            @Value("#{jobParameters['dryRun']}") Boolean dryRun, @Value("#{jobParameters['report']}") String report,
            @Value("#{stepExecution}") StepExecution stepExecution, DryRunReportFiles dryRunReportFiles) {
        long executionId = stepExecution.getJobExecutionId();
        if (Boolean.TRUE.equals(dryRun)) {
            return new DryRunReport(dryRunReportFiles.fileFor(report, executionId));
        }
        return new XeroInvoiceWriter(invoices, new BuyerContacts(new OrderContactFactory(cscart, properties), links, xero.tenantKey()),
                new DuplicateInvoiceNumbers(invoices), recorder, errorLog, stepExecution,
                new PaidInvoiceChange(payments, links, errorLog, xero.tenantKey(), stepExecution));
    }

    @Bean
    @StepScope
    ProgressLogger<SourceOrder, InvoiceSyncItem> orderProgress(@Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart,
            CsCartProperties properties, XeroCallMetrics metrics, OrderExportFilter orderExportFilter) {
        var filter = orderExportFilter.filter();
        String count = new CsCartOrderQueries(properties).countQuery(filter);
        return new ProgressLogger<>(() -> {
            Long n = cscart.queryForObject(count, filter.parameters(), Long.class);
            return n == null ? 0 : n;
        }, metrics);
    }

    /**
     * The buyers of the run's orders as the buyer step keys their contacts: registered customers by user id, guests by
     * e-mail (trimmed, any case), a guest without one by order. An upper bound: linked buyers are not read.
     */
    static String buyerCountQuery(CsCartProperties properties, CsCartOrderQueries.Filter filter) {
        return "SELECT COUNT(DISTINCT CASE WHEN o.user_id > 0 THEN CONCAT('u', o.user_id)"
                + " WHEN TRIM(COALESCE(o.email, '')) = '' THEN CONCAT('o', o.order_id)"
                + " ELSE CONCAT('g', LOWER(TRIM(o.email))) END) FROM " + properties.table("orders") + " o WHERE " + filter.where(properties);
    }

    /**
     * The orders of this execution, settled once (job-scoped): its parameters and, for a change run, the re-queued
     * orders, read from the links once per run instead of by each bean that needs them.
     */
    @Bean
    @JobScope
    OrderExportFilter orderExportFilter(SyncProperties sync, StoreSettings store, SyncLinkRepository links, XeroProperties xero,
            @Value("#{jobParameters['statuses']}") String statuses, @Value("#{jobParameters['since']}") LocalDate since,
            @Value("#{jobParameters['orderIds']}") String orderIds, @Value("#{jobParameters['changedAfter']}") Long changedAfter) {
        return new OrderExportFilter(filter(statuses, sync.orderStatuses(), since, orderIds, store.zone().getId(), changedAfter)
                .withRequeued(requeued(links, xero, changedAfter)));
    }

    /**
     * For a change run ({@code changedAfter}): the orders whose invoice link {@code reconcile --repair} re-queued, read
     * although unchanged in the store (a full run or explicit orderIds read them anyway).
     */
    static List<Long> requeued(SyncLinkRepository links, XeroProperties xero, Long changedAfter) {
        return changedAfter == null ? List.of() : links.requeuedIds(xero.tenantKey(), XeroInvoiceWriter.ENTITY);
    }

    static CsCartOrderQueries.Filter filter(String statuses, List<String> defaultStatuses, LocalDate since, String orderIds,
            String timezone, Long changedAfter) {
        List<String> chosen = ParameterLists.strings(statuses);
        return new CsCartOrderQueries.Filter(chosen.isEmpty() ? defaultStatuses : chosen, since,
                ParameterLists.ids(orderIds, "orderIds"), ZoneId.of(timezone), changedAfter);
    }
}
