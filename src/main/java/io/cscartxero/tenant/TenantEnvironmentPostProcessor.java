package io.cscartxero.tenant;

import java.util.SortedSet;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Selects the tenant of a context ({@code connector.tenant}): adds its {@link TenantPropertySource} above every other
 * source, after the configuration files have been loaded. A context without a tenant is left as it is. A tenant
 * that is not configured, a malformed name, or no tenant where the CLI requires one ({@code connector.tenant-required})
 * stops the start with one line ({@link Tenants.TenantException}).
 */
public class TenantEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;   // after the config data (application.properties, profiles)
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        env.getPropertySources().remove(TenantPropertySource.NAME);   // a context built again from the same environment
        env.getPropertySources().remove(DEFAULTS);
        if (!Tenants.configured(env).isEmpty()) {
            // tenants write the connector database side by side (and several processes may): READ COMMITTED spares
            // them InnoDB's gap locks, which otherwise turn inserts into neighbouring key ranges into deadlocks.
            // Spring Batch creates executions SERIALIZABLE by default, which deadlocks the same way between tenants (a job
            // instance is still unique by its key; the job lease keeps one execution per job and tenant).
            // The lowest priority: an operator's own setting of either wins.
            env.getPropertySources().addLast(new org.springframework.core.env.MapPropertySource(DEFAULTS,
                    java.util.Map.of("spring.datasource.hikari.transaction-isolation", "TRANSACTION_READ_COMMITTED",
                            "spring.batch.jdbc.isolation-level-for-create", "read-committed")));
        }
        String tenant = Tenants.current(env);
        String ifConfigured = env.getProperty(Tenants.IF_CONFIGURED_PROPERTY, "").strip();
        if (tenant.isEmpty() && !ifConfigured.isEmpty() && !Tenants.configured(env).isEmpty()) {
            tenant = ifConfigured;
            env.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("connectorTenantChosen",
                    java.util.Map.of(Tenants.PROPERTY, tenant)));
        }
        if (tenant.isEmpty()) {
            if (env.getProperty(Tenants.REQUIRED_PROPERTY, Boolean.class, false)) {
                SortedSet<String> configured = Tenants.configured(env);
                if (!configured.isEmpty()) {
                    throw new Tenants.TenantException("This command acts on one organisation: add --tenant <name>. Configured tenants: "
                            + Tenants.list(configured));
                }
            }
            return;
        }
        String unknown = Tenants.unknown(tenant, Tenants.configured(env));
        if (unknown != null) {
            throw new Tenants.TenantException(unknown);
        }
        TenantPropertySource source = new TenantPropertySource(env, tenant);
        var sources = env.getPropertySources();
        String attached = "configurationProperties";   // ConfigurationPropertySources.attach: must stay first
        if (sources.contains(attached)) {
            sources.addAfter(attached, source);
        } else {
            sources.addFirst(source);
        }
        ConfigurationPropertySources.attach(env);
        // a tenant's imports create records in its own storefront: its cscart.import.company-id, else its first storefront
        if (!source.setsItself(IMPORT_COMPANY)) {
            java.util.List<Long> storefronts = org.springframework.boot.context.properties.bind.Binder.get(env)
                    .bind("cscart.storefronts", org.springframework.boot.context.properties.bind.Bindable.listOf(Long.class))
                    .orElse(java.util.List.of());
            if (!storefronts.isEmpty()) {
                source.putDefault(IMPORT_COMPANY, storefronts.get(0));
            }
        }
    }

    static final String IMPORT_COMPANY = "cscart.import.company-id";
    static final String DEFAULTS = "connectorTenantDefaults";
}
