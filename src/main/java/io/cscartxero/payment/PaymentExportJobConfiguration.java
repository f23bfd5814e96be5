package io.cscartxero.payment;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.StoreSettings;
import io.cscartxero.infra.DataSourcesConfiguration;
import io.cscartxero.ops.GracefulShutdownListener;
import io.cscartxero.ops.JobSpec;
import io.cscartxero.ops.ParameterLists;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.sync.JobOutcomeListener;
import io.cscartxero.sync.ProgressLogger;
import io.cscartxero.sync.SyncLinkRepository;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.sync.SyncSteps;
import io.cscartxero.xero.XeroCallMetrics;
import io.cscartxero.xero.XeroPayments;
import io.cscartxero.xero.XeroProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * paymentExportJob: every invoiced order whose status is a paid one ({@code status_data} {@code payment_received='Y'})
 * gets one Xero payment of its invoice's amount due, on the account mapped to its payment method
 * ({@code xero.payment-accounts.<payment_id>}, else {@code xero.payment-account}), dated when CS-Cart's status log
 * says it was paid, else the order's date. 50 per {@code PUT /Payments} call; a link per payment, so never a second
 * payment for one order. Parameters: {@code statuses} (only paid ones; default all paid statuses), {@code since},
 * {@code orderIds}, {@code changedAfter}, {@code dryRun}. With {@code xero.invoice-status} other than AUTHORISED
 * nothing is paid (Xero pays only AUTHORISED invoices).
 */
@Configuration(proxyBeanMethods = false)
public class PaymentExportJobConfiguration {

    public static final String JOB = "paymentExportJob";
    static final String STEP = "paymentExportStep";
    private static final Logger log = LoggerFactory.getLogger(PaymentExportJobConfiguration.class);

    @Bean
    Job paymentExportJob(JobRepository jobRepository, Step paymentExportStep, JobOutcomeListener outcome,
            GracefulShutdownListener gracefulShutdown) {
        return new JobBuilder(JOB, jobRepository).start(paymentExportStep).listener(outcome).listener(gracefulShutdown).build();
    }

    @Bean
    JobSpec paymentExportJobSpec() {
        return new JobSpec(JOB, "paid CS-Cart orders → Xero payments on their invoices", Map.of("statuses", String.class,
                "since", LocalDate.class, "orderIds", String.class, "dryRun", Boolean.class, "changedAfter", Long.class));
    }

    @Bean
    Step paymentExportStep(SyncSteps steps, PaidOrderReader paidOrderReader, PaymentWriter paymentWriter,
            ProgressLogger<PaidOrder, PaidOrder> paymentProgress) {
        return steps.<PaidOrder, PaidOrder>step(STEP, PaymentWriter.ENTITY)
                .reader(paidOrderReader)
                .writer(paymentWriter)
                .progress(paymentProgress)
                .build();
    }

    @Bean
    @StepScope
    PaidOrderReader paidOrderReader(@Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart,
            CsCartProperties properties, SyncLinkRepository links, XeroProperties xero, StoreSettings store, ErrorLog errorLog,
            @Value("#{jobParameters['statuses']}") String statuses, @Value("#{jobParameters['since']}") LocalDate since,
            @Value("#{jobParameters['orderIds']}") String orderIds, @Value("#{jobParameters['changedAfter']}") Long changedAfter,
            @Value("#{stepExecution}") StepExecution stepExecution) {
        var filter = new PaidOrderReader.Filter(ParameterLists.strings(statuses), since, ParameterLists.ids(orderIds, "orderIds"),
                changedAfter, store.zone(), changedAfter == null ? List.of() : links.requeuedIds(xero.tenantKey(), PaymentWriter.ENTITY));
        if (!"AUTHORISED".equals(xero.invoiceStatus())) {
            log.warn("paymentExportJob: nothing paid: xero.invoice-status is {} and Xero takes payments only on AUTHORISED invoices",
                    xero.invoiceStatus());
            return new PaidOrderReader(cscart, properties, links, xero.tenantKey(), filter, xero::paymentAccountFor, Map.of(), errorLog,
                    stepExecution) {
                @Override
                List<PaidOrder> settle(long after) {
                    return List.of();
                }
            };
        }
        return new PaidOrderReader(cscart, properties, links, xero.tenantKey(), filter, xero::paymentAccountFor,
                PaymentMethods.names(cscart, properties, store.language()), errorLog, stepExecution);
    }

    @Bean
    @StepScope
    PaymentWriter paymentWriter(XeroPayments payments, SyncRecorder recorder, ErrorLog errorLog,
            @Value("#{jobParameters['dryRun']}") Boolean dryRun, @Value("#{stepExecution}") StepExecution stepExecution) {
        return new PaymentWriter(payments, recorder, errorLog, stepExecution, Boolean.TRUE.equals(dryRun));
    }

    /** Total: the orders the reader settled on (known once it has opened). */
    @Bean
    @StepScope
    ProgressLogger<PaidOrder, PaidOrder> paymentProgress(PaidOrderReader paidOrderReader, XeroCallMetrics metrics) {
        return new ProgressLogger<>(paidOrderReader::size, metrics);
    }
}
