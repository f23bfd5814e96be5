package io.cscartxero.ops;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cscartxero.infra.DataSourcesConfiguration;
import io.cscartxero.xero.auth.XeroTokenService;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * What {@code serve}'s /actuator/health reports besides the connector database ("db"): the CS-Cart database, the
 * Xero connection (from what is stored — a health check must not spend API calls) and the last run of each job.
 */
@Configuration(proxyBeanMethods = false)
public class ConnectorHealth {

    @Bean
    HealthIndicator cscartDatabaseHealthIndicator(@Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart) {
        return () -> {
            try {
                String version = cscart.getJdbcTemplate().queryForObject("SELECT VERSION()", String.class);
                return Health.up().withDetail("version", version).build();
            } catch (RuntimeException e) {
                return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
            }
        };
    }

    @Bean
    HealthIndicator xeroTokenHealthIndicator(XeroTokenService tokens) {
        return () -> {
            XeroTokenService.State state = tokens.state();
            Health.Builder health = state.usable() ? Health.up() : Health.down();
            return health.withDetail("grant", state.grant()).withDetail("connection", state.description()).build();
        };
    }

    @Bean
    HealthIndicator lastRunHealthIndicator(ExecutionHistory history) {
        return () -> {
            Map<String, String> lastByJob = new LinkedHashMap<>();
            boolean failed = false;
            for (ExecutionHistory.ExecutionRow row : history.recent(null, 200)) {
                if (!lastByJob.containsKey(row.jobName())) {
                    lastByJob.put(row.jobName(), row.status() + " " + row.exitCode() + (row.end() == null ? "" : " at " + row.end()));
                    failed |= "FAILED".equals(row.status());
                }
            }
            return (failed ? Health.down() : Health.up()).withDetails(new LinkedHashMap<>(lastByJob)).build();
        };
    }
}
