package io.cscartxero.ops;

import java.util.List;

import io.cscartxero.sync.SyncProperties;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
public class OpsConfiguration {

    @Bean
    JobLock jobLock(JdbcTemplate jdbc, PlatformTransactionManager txManager, SyncProperties sync) {
        return new JobLock(jdbc, txManager, sync.lockStaleAfter());
    }

    @Bean
    JobLaunchService jobLaunchService(List<Job> jobs, List<JobSpec> specs, JobOperator jobOperator,
            JobRepository jobRepository, JobLock jobLock, LaunchRequirements launchRequirements,
            org.springframework.core.env.Environment env) {
        return new JobLaunchService(jobs, specs, jobOperator, jobRepository, jobLock, launchRequirements,
                io.cscartxero.tenant.Tenants.current(env), io.cscartxero.tenant.Tenants.configured(env));
    }

    @Bean
    GracefulShutdownListener gracefulShutdownListener(JobOperator jobOperator, JobLock jobLock) {
        return new GracefulShutdownListener(jobOperator, jobLock);
    }
}
