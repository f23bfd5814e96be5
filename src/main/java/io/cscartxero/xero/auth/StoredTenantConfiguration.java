package io.cscartxero.xero.auth;

import io.cscartxero.xero.XeroProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * After {@code connect}, the organisation it stored is the tenant when {@code xero.tenant-id} is not set: the bound
 * {@link XeroProperties} is replaced by a copy carrying the stored tenant id before any bean receives it, so the
 * {@code xero-tenant-id} header (XeroHttp), rate limits and link rows ({@code tenantKey()}) all use it, unchanged.
 * An explicitly configured {@code xero.tenant-id} always wins. Standard apps only: a custom connection
 * ({@code client_credentials}) needs no tenant.
 */
@Configuration(proxyBeanMethods = false)
public class StoredTenantConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoredTenantConfiguration.class);

    @Bean
    static BeanPostProcessor storedTenantFallback(ObjectProvider<JdbcTemplate> jdbc) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof XeroProperties xero && (xero.tenantId() == null || xero.tenantId().isBlank())
                        && XeroProperties.GRANT_REFRESH_TOKEN.equals(xero.grant())) {
                    JdbcTemplate connectorDb = jdbc.getIfAvailable();
                    var stored = connectorDb == null ? java.util.Optional.<String>empty() : StoredConnection.storedTenantId(connectorDb, xero.connectionName());
                    if (stored.isPresent()) {
                        log.debug("xero.tenant-id not set: using the organisation stored by connect ({})", stored.get());
                        return xero.withTenantId(stored.get());
                    }
                }
                return bean;
            }
        };
    }
}
