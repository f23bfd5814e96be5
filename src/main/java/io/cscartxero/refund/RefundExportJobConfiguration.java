package io.cscartxero.refund;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.StoreSettings;
import io.cscartxero.infra.DataSourcesConfiguration;
import io.cscartxero.ops.GracefulShutdownListener;
import io.cscartxero.ops.JobSpec;
import io.cscartxero.ops.ParameterLists;
import io.cscartxero.sync.JobOutcomeListener;
import io.cscartxero.sync.LinkedRecordReader;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncLinkRepository;
import io.cscartxero.sync.SyncProperties;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.sync.SyncSteps;
import io.cscartxero.xero.XeroCreditNotes;
import io.cscartxero.xero.XeroHttp;
import io.cscartxero.xero.XeroProperties;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * refundExportJob: refunds become Xero credit notes (ACCRECCREDIT). This slice: <b>full cancellations</b> — an
 * invoiced order that was paid and is now in a refund status ({@link CancelledOrders}) gets one credit note with the
 * invoice's lines, numbered {@code xero.credit-note-number-prefix} + order id, allocated to the invoice while it is
 * unpaid, or paid out from the account of the invoice's payment when it was paid ({@link CreditNoteWriter}).
 * Parameters: {@code orderIds=…}, {@code statuses=…} (instead of the refund statuses read from status_data),
 * {@code since=YYYY-MM-DD} (placed on or after); {@code changedAfter} (what {@code serve} passes) is accepted and
 * changes nothing: the orders already credited are left out by their links, so a run costs Xero calls only for new
 * refunds. Statuses in {@code sync.void-on-status} are left to orderDeleteJob (void, not credit). Restartable; the orders are chosen before the first read (a restart
 * chooses again and finds only what is left), and a credit note made before a crash is found by its number.
 */
@Configuration(proxyBeanMethods = false)
public class RefundExportJobConfiguration {

    public static final String JOB = "refundExportJob";
    static final String STEP = "refundExportStep";
    /** The link of an order (or a return) and its credit note. */
    public static final String ENTITY = "CREDIT_NOTE";

    @Bean
    Job refundExportJob(JobRepository jobRepository, Step refundExportStep, JobOutcomeListener outcome,
            GracefulShutdownListener gracefulShutdown) {
        return new JobBuilder(JOB, jobRepository).start(refundExportStep).listener(outcome)
                .listener(gracefulShutdown).build();
    }

    @Bean
    JobSpec refundExportJobSpec() {
        return new JobSpec(JOB, "CS-Cart refunds (cancelled paid orders) → Xero credit notes, allocated or paid out",
                Map.of("orderIds", String.class, "statuses", String.class, "since", LocalDate.class,
                        "changedAfter", Long.class));
    }

    @Bean
    XeroCreditNotes xeroCreditNotes(XeroHttp http) {
        return new XeroCreditNotes(http);
    }

    @Bean
    Step refundExportStep(SyncSteps steps, JdbcPagingItemReader<SyncLink> cancelledOrderReader,
            CreditNoteWriter creditNoteWriter) {
        return steps.<SyncLink, SyncLink>step(STEP, ENTITY)
                .reader(cancelledOrderReader)
                .writer(creditNoteWriter)
                .build();
    }

    @Bean
    @StepScope
    CreditNoteWriter creditNoteWriter(XeroCreditNotes creditNotes, SyncRecorder recorder, SyncLinkRepository links,
            XeroProperties xero, StoreSettings store, @Value("#{stepExecution}") StepExecution stepExecution) {
        return new CreditNoteWriter(creditNotes, recorder, links, xero.tenantKey(), xero.creditNoteNumberPrefix(),
                LocalDate.now(store.zone()), stepExecution);
    }

    /** The invoice links of the orders to credit, by order id. */
    @Bean
    @StepScope
    JdbcPagingItemReader<SyncLink> cancelledOrderReader(DataSource connector, XeroProperties xero,
            SyncLinkRepository links, @Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart,
            CsCartProperties properties, StoreSettings store, @Value("#{jobParameters['orderIds']}") String ids,
            @Value("#{jobParameters['statuses']}") String statuses,
            @Value("#{jobParameters['since']}") LocalDate since, SyncProperties sync) throws Exception {
        CancelledOrders cancelled = new CancelledOrders(cscart, properties, links, xero.tenantKey());
        List<String> refundStatuses = statuses == null ? cancelled.refundStatuses() : ParameterLists.strings(statuses);
        if (statuses == null) {
            // statuses whose invoices the operator has voided instead (sync.void-on-status) are not credited
            refundStatuses = refundStatuses.stream().filter(s -> !sync.voidOnStatus().contains(s)).toList();
        }
        List<Long> orderIds = cancelled.find(refundStatuses, ids == null ? null : ParameterLists.ids(ids, "orderIds"),
                since, store.zone());
        return LinkedRecordReader.build("cancelledOrderReader", connector, xero.tenantKey(), CancelledOrders.INVOICE,
                orderIds);
    }
}
