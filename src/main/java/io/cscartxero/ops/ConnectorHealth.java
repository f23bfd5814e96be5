package io.cscartxero.ops;

import java.io.IOException;
import java.net.InetAddress;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cscartxero.infra.DataSourcesConfiguration;
import io.cscartxero.xero.auth.XeroTokenService;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * What {@code serve}'s /actuator/health reports besides the connector database ("db"): the CS-Cart database, the
 * Xero connection (from what is stored — a health check must not spend API calls) and the last run of each job.
 * <p>
 * These details (database versions, last runs, token expiry) are shown only to callers on this machine: with
 * {@code management.endpoint.health.show-details=when-authorized} (the default in application.properties) a request
 * counts as authorised when it comes from a loopback address and carries no proxy forwarding header
 * ({@link LocalCallerFilter}); anyone else sees only {@code {"status":"UP"}}.
 */
@Configuration(proxyBeanMethods = false)
public class ConnectorHealth {

    /** serve only: the local caller counts as authorised for the health details. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class LocalCallers {

        @Bean
        FilterRegistrationBean<LocalCallerFilter> localCallerFilter() {
            FilterRegistrationBean<LocalCallerFilter> registration = new FilterRegistrationBean<>(new LocalCallerFilter());
            registration.addUrlPatterns("/actuator/*");
            return registration;
        }
    }

    /**
     * Gives a request from a loopback address a principal ("local"), which Actuator's {@code when-authorized} accepts;
     * a request with {@code Forwarded}, {@code X-Forwarded-For} or {@code X-Real-IP} came through a proxy and does not
     * count as local, whatever address the proxy connects from. Any principal a real authentication set is kept.
     */
    static final class LocalCallerFilter implements Filter {

        private static final Principal LOCAL = () -> "local";

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            if (request instanceof HttpServletRequest http && http.getUserPrincipal() == null && local(http)) {
                request = new HttpServletRequestWrapper(http) {
                    @Override
                    public Principal getUserPrincipal() {
                        return LOCAL;
                    }
                };
            }
            chain.doFilter(request, response);
        }

        static boolean local(HttpServletRequest request) {
            if (request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null
                    || request.getHeader("X-Real-IP") != null) {
                return false;
            }
            String address = request.getRemoteAddr();
            if (address == null || !address.matches("[0-9a-fA-F:.%]+")) {   // an IP literal: no name lookup
                return false;
            }
            try {
                return InetAddress.getByName(address).isLoopbackAddress();
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
    }

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
