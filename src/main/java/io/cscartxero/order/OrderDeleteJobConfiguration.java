package io.cscartxero.order;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.sync.SyncSteps;
import io.cscartxero.xero.XeroInvoices;
import io.cscartxero.xero.XeroPayments;
import io.cscartxero.xero.XeroProperties;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
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
 * orderDeleteJob: takes orders' invoices out of Xero's books. {@code orderIds=…}, or {@code statuses=…} (e.g. I,
 * canceled) with optional {@code since}. DRAFT/SUBMITTED → DELETED, AUTHORISED or PAID → VOIDED after the
 * connector's payments are removed (one call each), an invoice already DELETED/VOIDED counts as done; an invoice paid by
 * hand in Xero is left with an error row, and whatever Xero refuses (locked period, reconciled payment) goes to the
 * error log with Xero's reason. Status changes go in batches; the invoice and PAYMENT links go with the invoice.
 */
@Configuration(proxyBeanMethods = false)
public class OrderDeleteJobConfiguration {

    public static final String JOB = "orderDeleteJob";
    static final String STEP = "orderDeleteStep";

    @Bean
    Job orderDeleteJob(JobRepository jobRepository, Step orderDeleteStep, JobOutcomeListener outcome,
            GracefulShutdownListener gracefulShutdown) {
        return new JobBuilder(JOB, jobRepository).start(orderDeleteStep).listener(outcome).listener(gracefulShutdown)
                .validator(parameters -> {
                    if ((parameters.getString("orderIds") == null) == (parameters.getString("statuses") == null)) {
                        throw new InvalidJobParametersException("orderDeleteJob needs either orderIds=1,2,3 or statuses=I[,D...] (with optional since)");
                    }
                }).build();
    }

    @Bean
    JobSpec orderDeleteJobSpec() {
        return new JobSpec(JOB, "delete/void orders' invoices in Xero",
                Map.of("orderIds", String.class, "statuses", String.class, "since", LocalDate.class));
    }

    @Bean
    Step orderDeleteStep(SyncSteps steps, JdbcPagingItemReader<SyncLink> linkedInvoiceReader, XeroInvoiceVoider invoiceVoider) {
        return steps.<SyncLink, SyncLink>step(STEP, XeroInvoiceWriter.ENTITY)
                .reader(linkedInvoiceReader)
                .writer(invoiceVoider)
                .build();
    }

    @Bean
    @StepScope
    XeroInvoiceVoider invoiceVoider(XeroInvoices invoices, XeroPayments payments, SyncLinkRepository links, XeroProperties xero,
            SyncRecorder recorder, @Value("#{stepExecution}") StepExecution stepExecution) {
        return new XeroInvoiceVoider(invoices, payments, links, xero.tenantKey(), recorder, stepExecution);
    }

    /**
     * The invoices to take out: of the orders given, or of the orders that have one of the statuses now (placed on or
     * after since). The status choice is resolved into order ids before the first read, so that every chunk is full:
     * filtering the linked invoices one by one would send a few invoices per call. A restart resolves it again and
     * finds only what is left (a deleted or voided invoice's link is gone).
     */
    @Bean
    @StepScope
    JdbcPagingItemReader<SyncLink> linkedInvoiceReader(DataSource connector, XeroProperties xero, SyncLinkRepository links,
            @Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart, CsCartProperties properties,
            StoreSettings store, @Value("#{jobParameters['orderIds']}") String ids,
            @Value("#{jobParameters['statuses']}") String statuses, @Value("#{jobParameters['since']}") LocalDate since) throws Exception {
        List<Long> orderIds = statuses == null ? ParameterLists.ids(ids, "orderIds")
                : linkedOrdersWithStatuses(cscart, properties, links, xero.tenantKey(), statuses, since, store.zone());
        return LinkedRecordReader.build("linkedInvoiceReader", connector, xero.tenantKey(), XeroInvoiceWriter.ENTITY, orderIds);
    }

    private static List<Long> linkedOrdersWithStatuses(NamedParameterJdbcTemplate cscart, CsCartProperties properties,
            SyncLinkRepository links, String tenant, String statuses, LocalDate since, ZoneId zone) {
        Map<String, Object> params = new HashMap<>(Map.of("statuses", ParameterLists.strings(statuses)));
        String sql = "SELECT order_id FROM " + properties.table("orders") + " WHERE status IN (:statuses)" + properties.storefrontCondition("company_id");
        if (since != null) {
            sql += " AND timestamp >= :since";
            params.put("since", since.atStartOfDay(zone).toEpochSecond());
        }
        Set<String> chosen = new HashSet<>();
        cscart.query(sql, params, rs -> {
            chosen.add(rs.getString(1));
        });
        return links.cscartIdsInXero(tenant, XeroInvoiceWriter.ENTITY).stream().filter(chosen::contains).map(Long::valueOf).sorted().toList();
    }
}
