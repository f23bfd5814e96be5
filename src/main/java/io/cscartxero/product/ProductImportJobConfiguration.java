package io.cscartxero.product;

import java.util.Map;
import java.util.Set;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.CsCartSchema;
import io.cscartxero.cscart.StoreSettings;
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
import io.cscartxero.xero.PreflightException;
import io.cscartxero.xero.XeroItems;
import io.cscartxero.xero.XeroProperties;
import io.cscartxero.xero.model.Item;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * productImportJob: Xero Items → CS-Cart products. One GET /Items (If-Modified-Since after the first run;
 * {@code full=true} reads all). New products go into {@code cscart.import.category-id} with status
 * {@code cscart.import.product-status} (default D, disabled: nothing appears in the storefront until the merchant
 * has reviewed it); without that property no product is created (each such item is skipped with one error-log row
 * naming it) and linked or matched products are still updated. Existing products get only what changed in Xero; their prices only with
 * {@code cscart.import.update-prices=true}, their status never.
 */
@Configuration(proxyBeanMethods = false)
public class ProductImportJobConfiguration {

    public static final String JOB = "productImportJob";
    static final String STEP = "productImportStep";
    static final String WATERMARK = "items-import";

    @Bean
    Job productImportJob(JobRepository jobRepository, Step productImportStep, JobOutcomeListener outcome,
            GracefulShutdownListener gracefulShutdown) {
        return new JobBuilder(JOB, jobRepository).start(productImportStep).listener(outcome).listener(gracefulShutdown).build();
    }

    @Bean
    JobSpec productImportJobSpec() {
        return new JobSpec(JOB, "Xero Items → CS-Cart products", Map.of("full", Boolean.class));
    }

    @Bean
    Step productImportStep(SyncSteps steps, XeroItemListReader xeroItemReader, ProductImportWriter productImportWriter,
            Watermarks watermarks, XeroProperties xero) {
        return steps.<Item, ProductImport>step(STEP, XeroItemWriter.ENTITY)
                .reader(xeroItemReader)
                .processor(ProductImport::from)
                .writer(productImportWriter)
                .listener(new StepExecutionListener() {
                    @Override
                    public void beforeStep(StepExecution stepExecution) {
                        productImportWriter.target();   // step-scoped: created now, so its pre-flight runs first
                    }
                })
                .listener(new AdvanceWatermarkOnSuccess(watermarks, xero.tenantKey(), WATERMARK, XeroItemListReader.NEWEST))
                .build();
    }

    @Bean
    @StepScope
    XeroItemListReader xeroItemReader(XeroItems items, Watermarks watermarks, XeroProperties xero,
            @Value("#{jobParameters['full']}") Boolean full) {
        return new XeroItemListReader(items, watermarks.since(xero.tenantKey(), WATERMARK, full));
    }

    /**
     * Checked when the step starts, before the first chunk: a configured category must exist. None configured is
     * fine: only items that would need a new product are skipped.
     */
    @Bean
    @StepScope
    ProductImportWriter productImportWriter(@Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart,
            CsCartProperties properties, CsCartSchema schema, SyncLinkRepository links, SyncRecorder recorder,
            ErrorLog errorLog, XeroProperties xero, io.cscartxero.xero.BookkeepingProperties bookkeeping,
            StoreSettings storeSettings, @Value("#{stepExecution}") StepExecution stepExecution,
            org.springframework.transaction.PlatformTransactionManager txManager) {
        Long categoryId = properties.imports().categoryId();   // the product status is validated at start-up
        CsCartProductStore store = new CsCartProductStore(cscart, properties.withLanguage(storeSettings.language()), schema);
        Long company = categoryId == null ? null : store.categoryCompany(categoryId);
        if (categoryId != null && company == null) {
            throw new PreflightException("cscart.import.category-id " + categoryId
                    + " is not a category of this store: set it to the category that imported products should go into");
        }
        return new ProductImportWriter(store, links, recorder, errorLog, xero.tenantKey(),
                new ProductImportWriter.Target(properties.imports().productStatus(), categoryId, company,
                        properties.imports().updatePrices()), bookkeeping,
                ProductAccounts.of(cscart, properties, xero, storeSettings.language()), stepExecution, txManager);
    }
}
