package io.cscartxero.product;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import javax.sql.DataSource;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.infra.DataSourcesConfiguration;
import io.cscartxero.ops.GracefulShutdownListener;
import io.cscartxero.ops.JobSpec;
import io.cscartxero.ops.ParameterLists;
import io.cscartxero.sync.JobOutcomeListener;
import io.cscartxero.sync.LinkedRecordReader;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.sync.SyncSteps;
import io.cscartxero.xero.XeroItems;
import io.cscartxero.xero.XeroProperties;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * productDeleteJob: removes products' items from Xero. Which products: {@code productIds=…}, or
 * {@code scope=removed} (linked, but no longer in CS-Cart) or {@code scope=disabled} (status D in CS-Cart).
 * One DELETE per item through the rate limiter; 404 counts as already deleted; the link goes on success; a
 * refusal goes to the error log with Xero's reason.
 */
@Configuration(proxyBeanMethods = false)
public class ProductDeleteJobConfiguration {

    public static final String JOB = "productDeleteJob";
    static final String STEP = "productDeleteStep";

    @Bean
    Job productDeleteJob(JobRepository jobRepository, Step productDeleteStep, JobOutcomeListener outcome,
            GracefulShutdownListener gracefulShutdown) {
        return new JobBuilder(JOB, jobRepository).start(productDeleteStep).validator(exactlyOneSelection())
                .listener(outcome).listener(gracefulShutdown).build();
    }

    @Bean
    JobSpec productDeleteJobSpec() {
        return new JobSpec(JOB, "delete products' Items from Xero", Map.of("productIds", String.class, "scope", String.class));
    }

    static JobParametersValidator exactlyOneSelection() {
        return parameters -> {
            boolean ids = parameters.getString("productIds") != null;
            String scope = parameters.getString("scope");
            if (ids == (scope != null)) {
                throw new InvalidJobParametersException("productDeleteJob needs either productIds=1,2,3 or scope=removed|disabled");
            }
            if (scope != null && !scope.equals("removed") && !scope.equals("disabled")) {
                throw new InvalidJobParametersException("scope must be removed or disabled, not '" + scope + "'");
            }
        };
    }

    @Bean
    Step productDeleteStep(SyncSteps steps, JdbcPagingItemReader<SyncLink> linkedItemReader, LinkFilter itemsToDelete,
            XeroItemDeleter itemDeleter) {
        return steps.<SyncLink, SyncLink>step(STEP, XeroItemWriter.ENTITY)
                .reader(linkedItemReader)
                .processor(itemsToDelete)
                .writer(itemDeleter)
                .build();
    }

    @Bean
    @StepScope
    XeroItemDeleter itemDeleter(XeroItems items, SyncRecorder recorder, @Value("#{stepExecution}") StepExecution stepExecution) {
        return new XeroItemDeleter(items, recorder, stepExecution);
    }

    /** Reads the items this connector linked, in product id order (restartable by key). */
    @Bean
    @StepScope
    JdbcPagingItemReader<SyncLink> linkedItemReader(DataSource connector, XeroProperties xero,
            @Value("#{jobParameters['productIds']}") String ids) throws Exception {
        List<Long> only = ParameterLists.ids(ids, "productIds");
        return LinkedRecordReader.build("linkedItemReader", connector, xero.tenantKey(), XeroItemWriter.ENTITY, only.isEmpty() ? null : only);
    }

    /** Keeps the links the run is about: all named ones, or those whose product is gone / disabled in CS-Cart. */
    @Bean
    @StepScope
    LinkFilter itemsToDelete(@Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart,
            CsCartProperties properties, @Value("#{jobParameters['scope']}") String scope) {
        if (scope == null) {
            return new LinkFilter(link -> true);
        }
        String sql = "removed".equals(scope) ? "SELECT product_id FROM " + properties.table("products")
                : "SELECT product_id FROM " + properties.table("products") + " WHERE status = 'D'";
        Set<String> ids = new HashSet<>();
        cscart.getJdbcTemplate().query(sql, rs -> {
            ids.add(rs.getString(1));
        });
        return new LinkFilter("removed".equals(scope) ? link -> !ids.contains(link.cscartId()) : link -> ids.contains(link.cscartId()));
    }

    /**
     * Keeps the links the predicate accepts. A class, so the step-scoped bean is declared with it rather than with the
     * {@code ItemProcessor} interface (which draws Spring Batch's "ItemProcessor is an interface..." warning).
     */
    static class LinkFilter implements ItemProcessor<SyncLink, SyncLink> {
        private final Predicate<SyncLink> keep;

        LinkFilter(Predicate<SyncLink> keep) {
            this.keep = keep;
        }

        @Override
        public SyncLink process(SyncLink link) {
            return keep.test(link) ? link : null;
        }
    }
}
