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
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * refundExportJob: refunds become Xero credit notes (ACCRECCREDIT), in three steps. {@code revertedReturnStep}: the
 * credit notes of RMA returns whose refund was reverted in CS-Cart are voided ({@link CreditNoteVoider}).
 * {@code returnRefundStep}: each completed refund return ({@link ReturnRefunds}, {@code cscart.RmaReturns}) of an
 * invoiced order gets one credit note for its lines, numbered {@code xero.credit-note-number-prefix} + {@code R} +
 * return id (return ids and order ids are two number spaces: {@code CN-5} could be either), settled like a
 * cancellation. {@code refundExportStep}: <b>full cancellations</b> — an
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
    static final String RETURN_STEP = "returnRefundStep";
    static final String REVERT_STEP = "revertedReturnStep";
    /** The link of an order (or a return) and its credit note. */
    public static final String ENTITY = "CREDIT_NOTE";

    @Bean
    Job refundExportJob(JobRepository jobRepository, Step revertedReturnStep, Step returnRefundStep,
            Step refundExportStep, JobOutcomeListener outcome, GracefulShutdownListener gracefulShutdown) {
        return new JobBuilder(JOB, jobRepository).start(revertedReturnStep).next(returnRefundStep)
                .next(refundExportStep).listener(outcome)
                .listener(gracefulShutdown).build();
    }

    @Bean
    JobSpec refundExportJobSpec() {
        return new JobSpec(JOB, "CS-Cart refunds (RMA refund returns, cancelled paid orders) → Xero credit"
                + " notes, allocated or paid out; reverted returns' credit notes voided",
                Map.of("orderIds", String.class, "statuses", String.class, "since", LocalDate.class,
                        "changedAfter", Long.class));
    }

    @Bean
    XeroCreditNotes xeroCreditNotes(XeroHttp http) {
        return new XeroCreditNotes(http);
    }

    @Bean
    Step refundExportStep(SyncSteps steps, JdbcPagingItemReader<SyncLink> cancelledOrderReader,
            ItemProcessor<SyncLink, RefundItem> cancellationProcessor, CreditNoteWriter creditNoteWriter) {
        return steps.<SyncLink, RefundItem>step(STEP, ENTITY)
                .reader(cancelledOrderReader)
                .processor(cancellationProcessor)
                .writer(creditNoteWriter)
                .build();
    }

    @Bean
    Step returnRefundStep(SyncSteps steps, ListItemReader<RefundItem> returnReader,
            CreditNoteWriter creditNoteWriter) {
        return steps.<RefundItem, RefundItem>step(RETURN_STEP, ENTITY)
                .reader(returnReader)
                .writer(creditNoteWriter)
                .build();
    }

    @Bean
    Step revertedReturnStep(SyncSteps steps, ListItemReader<SyncLink> revertedReturnReader,
            CreditNoteVoider creditNoteVoider) {
        return steps.<SyncLink, SyncLink>step(REVERT_STEP, ENTITY)
                .reader(revertedReturnReader)
                .writer(creditNoteVoider)
                .build();
    }

    @Bean
    @StepScope
    ReturnRefunds returnRefunds(@Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart,
            CsCartProperties properties, SyncLinkRepository links, XeroProperties xero) {
        return new ReturnRefunds(cscart, properties, links, xero.tenantKey());
    }

    /** The completed refund returns to credit, chosen before the first read (a restart chooses again). */
    @Bean
    @StepScope
    ListItemReader<RefundItem> returnReader(ReturnRefunds returnRefunds,
            @Value("#{jobParameters['orderIds']}") String ids) {
        return new ListItemReader<>(returnRefunds.find(ids == null ? null : ParameterLists.ids(ids, "orderIds")));
    }

    /** The credit-note links of returns no longer completed. */
    @Bean
    @StepScope
    ListItemReader<SyncLink> revertedReturnReader(ReturnRefunds returnRefunds) {
        return new ListItemReader<>(returnRefunds.reverted());
    }

    /** A cancelled order's invoice link → its refund, less what credit notes of its returns already took. */
    @Bean
    @StepScope
    CancellationProcessor cancellationProcessor(ReturnRefunds returnRefunds) {
        return new CancellationProcessor(returnRefunds);
    }

    /** A class, not a lambda: a step-scoped bean's proxy is inspected for listener annotations by its class. */
    static class CancellationProcessor implements ItemProcessor<SyncLink, RefundItem> {
        private final ReturnRefunds returnRefunds;

        CancellationProcessor(ReturnRefunds returnRefunds) {
            this.returnRefunds = returnRefunds;
        }

        @Override
        public RefundItem process(SyncLink link) {
            long orderId = Long.parseLong(link.cscartId());
            return new RefundItem(link.cscartId(), orderId, link, null, returnRefunds.credited(orderId), null);
        }
    }

    @Bean
    @StepScope
    CreditNoteVoider creditNoteVoider(XeroCreditNotes creditNotes, SyncRecorder recorder,
            @Value("#{stepExecution}") StepExecution stepExecution) {
        return new CreditNoteVoider(creditNotes, recorder, stepExecution);
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
