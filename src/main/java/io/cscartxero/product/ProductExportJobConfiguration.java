package io.cscartxero.product;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.cscartxero.bookkeeping.SalesBooking;
import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.StoreSettings;
import io.cscartxero.infra.DataSourcesConfiguration;
import io.cscartxero.ops.GracefulShutdownListener;
import io.cscartxero.ops.JobSpec;
import io.cscartxero.ops.ParameterLists;
import io.cscartxero.sync.JobOutcomeListener;
import io.cscartxero.sync.PreflightOnFirstWrite;
import io.cscartxero.sync.ProgressLogger;
import io.cscartxero.sync.SyncLinkRepository;
import io.cscartxero.sync.SyncProperties;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.sync.SyncSteps;
import io.cscartxero.xero.BookkeepingProperties;
import io.cscartxero.xero.XeroCallMetrics;
import io.cscartxero.xero.XeroItems;
import io.cscartxero.xero.XeroPreflight;
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
 * productExportJob: CS-Cart products (variations included) → Xero Items. Parameters: {@code productIds},
 * {@code since} (last update, LocalDate), {@code statuses} (default A,H), {@code full}.
 */
@Configuration(proxyBeanMethods = false)
public class ProductExportJobConfiguration {

    public static final String JOB = "productExportJob";
    static final String STEP = "productExportStep";
    static final List<String> DEFAULT_STATUSES = List.of("A", "H");

    @Bean
    Job productExportJob(JobRepository jobRepository, Step productExportStep, JobOutcomeListener outcome,
            GracefulShutdownListener gracefulShutdown) {
        return new JobBuilder(JOB, jobRepository).start(productExportStep).listener(outcome).listener(gracefulShutdown).build();
    }

    @Bean
    JobSpec productExportJobSpec() {
        return new JobSpec(JOB, "CS-Cart products → Xero Items",
                Map.of("productIds", String.class, "since", LocalDate.class, "statuses", String.class, "full", Boolean.class,
                        "changedAfter", Long.class));
    }

    @Bean
    Step productExportStep(SyncSteps steps, JdbcPagingItemReader<CsCartProduct> productReader,
            ProductToItemProcessor productToItemProcessor, PreflightOnFirstWrite<ItemSyncItem> productWriter,
            ProgressLogger<CsCartProduct, ItemSyncItem> productProgress) {
        return steps.<CsCartProduct, ItemSyncItem>step(STEP, XeroItemWriter.ENTITY)
                .reader(productReader)
                .processor(productToItemProcessor)
                .writer(productWriter)   // a step listener too: its pre-flight is reset when the step starts
                .progress(productProgress)
                .build();
    }

    /** The item writer behind the pre-flight (revenue account, item tax type) that runs before the first write. */
    @Bean
    @StepScope
    PreflightOnFirstWrite<ItemSyncItem> productWriter(XeroItems items, SyncRecorder recorder, XeroPreflight preflight,
            BookkeepingProperties bookkeeping, XeroProperties xero, @Value("#{stepExecution}") StepExecution stepExecution) {
        return new PreflightOnFirstWrite<>(() -> preflight.check(SalesBooking.of(xero).revenueAccountCodes(),
                bookkeeping.hasItemTaxType() ? List.of(bookkeeping.itemTaxType()) : List.of()),
                new XeroItemWriter(items, recorder, stepExecution));
    }

    @Bean
    @StepScope
    JdbcPagingItemReader<CsCartProduct> productReader(@Qualifier(DataSourcesConfiguration.CSCART) DataSource cscart,
            CsCartProperties properties, SyncProperties sync, @Value("#{jobParameters['productIds']}") String productIds,
            @Value("#{jobParameters['since']}") LocalDate since, @Value("#{jobParameters['statuses']}") String statuses,
            @Value("#{jobParameters['changedAfter']}") Long changedAfter, StoreSettings store) throws Exception {
        var queries = new CsCartProductQueries(properties);
        var filter = filter(productIds, since, statuses, changedAfter, store.zone());
        MySqlPagingQueryProvider query = new MySqlPagingQueryProvider();
        query.setSelectClause("*");
        query.setFromClause(queries.fromClause(filter));
        query.setSortKeys(Map.of("product_id", Order.ASCENDING));
        return new JdbcPagingItemReaderBuilder<CsCartProduct>()
                .name("productReader")
                .dataSource(cscart)
                .queryProvider(query)
                .parameterValues(filter.parameters(store.language()))
                .pageSize(Math.max(sync.chunkSize(), 100))
                .rowMapper(CsCartProductQueries.ROW_MAPPER)
                .build();
    }

    @Bean
    @StepScope
    ProductToItemProcessor productToItemProcessor(@Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart,
            CsCartProperties properties, SyncLinkRepository links, XeroProperties xero, BookkeepingProperties bookkeeping,
            StoreSettings store, @Value("#{jobParameters['full']}") Boolean full) {
        Map<Long, String> codes = new HashMap<>();
        cscart.getJdbcTemplate().query(new CsCartProductQueries(properties).codesQuery(),
                rs -> {
                    codes.put(rs.getLong(1), rs.getString(2) == null ? "" : rs.getString(2));
                });
        return new ProductToItemProcessor(links.findAll(xero.tenantKey(), XeroItemWriter.ENTITY), ItemCodes.of(codes),
                bookkeeping, Boolean.TRUE.equals(full), ProductAccounts.of(cscart, properties, xero, store.language()));
    }

    @Bean
    @StepScope
    ProgressLogger<CsCartProduct, ItemSyncItem> productProgress(@Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart,
            CsCartProperties properties, XeroCallMetrics metrics, @Value("#{jobParameters['productIds']}") String productIds,
            @Value("#{jobParameters['since']}") LocalDate since, @Value("#{jobParameters['statuses']}") String statuses,
            @Value("#{jobParameters['changedAfter']}") Long changedAfter, StoreSettings store) {
        var filter = filter(productIds, since, statuses, changedAfter, store.zone());
        String count = new CsCartProductQueries(properties).countQuery(filter);
        return new ProgressLogger<>(() -> {
            Long n = cscart.queryForObject(count, filter.parameters(store.language()), Long.class);
            return n == null ? 0 : n;
        }, metrics);
    }

    static CsCartProductQueries.Filter filter(String productIds, LocalDate since, String statuses, Long changedAfter,
            java.time.ZoneId zone) {
        List<String> chosen = ParameterLists.strings(statuses);
        return new CsCartProductQueries.Filter(ParameterLists.ids(productIds, "productIds"), since,
                chosen.isEmpty() ? DEFAULT_STATUSES : chosen, changedAfter, zone);
    }
}
