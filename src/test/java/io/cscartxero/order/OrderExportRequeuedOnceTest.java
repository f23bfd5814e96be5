package io.cscartxero.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.RecordedRequest;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncLinkRepository;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.StoreTaxes;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A change run of orderExportJob ({@code changedAfter}) reads the orders whose invoice link {@code reconcile --repair}
 * re-queued once per run (job-scoped {@link OrderExportFilter}), not once per bean that builds the run's filter (five
 * before), and still re-sends exactly those unchanged orders.
 */
class OrderExportRequeuedOnceTest {

    /** Far after every generated order's placement and update: no order of the store counts as changed. */
    private static final String AFTER_EVERY_CHANGE = "1900000000";

    @AutoClose
    private ConnectorHarness harness;

    @Test
    void aChangeRunReadsTheRequeuedInvoicesOnceAndResendsOnlyThose() throws Exception {
        AtomicInteger invoiceRequeueReads = new AtomicInteger();
        harness = ConnectorHarness.start();
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 10, 10, 40, 57L);
        StoreTaxes.mapped(harness).with(ctx -> ctx.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean.getClass() != SyncLinkRepository.class) {
                    return bean;
                }
                // the same repository on the same database, counting the look-ups of re-queued invoices
                return new SyncLinkRepository(jdbcOf(bean)) {
                    @Override
                    public List<Long> requeuedIds(String tenantId, String entity) {
                        if (XeroInvoiceWriter.ENTITY.equals(entity)) {
                            invoiceRequeueReads.incrementAndGet();
                        }
                        return super.requeuedIds(tenantId, entity);
                    }
                };
            }
        }));
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        assertThat(jobs.run("orderExportJob", Map.of()).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(invoiceRequeueReads).as("a run without changedAfter reads no re-queued ids").hasValue(0);

        JdbcTemplate connector = app.getBean(JdbcTemplate.class);
        List<String> linked = connector.queryForList("SELECT cscart_id FROM sync_link WHERE entity = 'INVOICE' AND xero_id IS NOT NULL "
                + "ORDER BY cscart_id", String.class);
        assertThat(linked).hasSizeGreaterThanOrEqualTo(2);
        List<String> requeued = linked.subList(0, 2);
        for (String id : requeued) {   // as reconcile --repair re-queues a link
            connector.update("UPDATE sync_link SET payload_hash = ? WHERE entity = 'INVOICE' AND cscart_id = ?", SyncLink.REQUEUED, id);
        }
        int before = harness.sandbox.stats().requests().size();

        JobLaunchService.Outcome change = jobs.run("orderExportJob", Map.of("changedAfter", AFTER_EVERY_CHANGE));

        assertThat(change.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(invoiceRequeueReads).as("one look-up for the run's five beans").hasValue(1);
        StepExecution export = change.execution().getStepExecutions().stream()
                .filter(s -> s.getStepName().equals(OrderExportJobConfiguration.STEP)).findFirst().orElseThrow();
        assertThat(export.getReadCount()).as("the two re-queued orders, none of the unchanged others").isEqualTo(2);
        assertThat(export.getWriteCount()).isEqualTo(2);
        List<RecordedRequest> calls = harness.sandbox.stats().requests().subList(before, harness.sandbox.stats().requests().size());
        assertThat(calls).filteredOn(r -> !r.method().equals("GET") && r.path().endsWith("/Invoices")).hasSize(1);
        assertThat(connector.queryForList("SELECT cscart_id FROM sync_link WHERE entity = 'INVOICE' AND payload_hash = ?",
                String.class, SyncLink.REQUEUED)).as("re-sent: no longer re-queued").isEmpty();
    }

    private static JdbcTemplate jdbcOf(Object repository) {
        try {
            var field = SyncLinkRepository.class.getDeclaredField("jdbc");
            field.setAccessible(true);
            return (JdbcTemplate) field.get(repository);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
