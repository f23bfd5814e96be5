package io.cscartxero.tenant;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The keys of one tenant without their prefix: {@code xero.client-id} here is {@code tenants.<name>.xero.client-id}
 * wherever that is set (a properties file, a command-line argument, or an environment variable such as
 * {@code TENANTS_SHOPA_XERO_CLIENTSECRET}: the lookup goes through Boot's configuration property sources, so
 * canonical names and relaxed binding apply as for any key). It sits above every other source: a tenant's value wins.
 * The names are enumerated (maps such as {@code xero.revenue-accounts.product.*} and lists bind from them); values
 * are looked up when asked for.
 */
public final class TenantPropertySource extends EnumerablePropertySource<String> {

    public static final String NAME = "connectorTenant";

    /** {@code XeroProperties.connectorTenant}: the organisation's keys (links, token row) carry the tenant. */
    static final String XERO_TENANT = "xero.connector-tenant";

    private final String tenant;
    /** Not the source object: Boot's property source iteration descends into a source whose object is an Environment. */
    private final ConfigurableEnvironment env;
    private final ConfigurationPropertyName prefix;
    private volatile String[] names;

    public TenantPropertySource(ConfigurableEnvironment env, String tenant) {
        super(NAME, tenant);
        this.env = env;
        this.tenant = tenant;
        this.prefix = ConfigurationPropertyName.of(Tenants.PREFIX).append(ConfigurationPropertyName.adapt(tenant, '.'));
        Set<String> found = new LinkedHashSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(env)) {
            if (source.getUnderlyingSource() == this || !(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            iterable.filter(prefix::isAncestorOf).forEach(name ->
                    found.add(name.subName(prefix.getNumberOfElements()).toString()));
        }
        found.add(Tenants.PROPERTY);
        found.add(XERO_TENANT);
        this.names = found.toArray(String[]::new);
    }

    /** Values this source gives when the tenant sets none (e.g. the import storefront from its storefronts). */
    private final java.util.Map<String, Object> defaults = new java.util.LinkedHashMap<>();

    void putDefault(String name, Object value) {
        defaults.put(name, value);
        if (!java.util.Arrays.asList(names).contains(name)) {
            String[] more = java.util.Arrays.copyOf(names, names.length + 1);
            more[names.length] = name;
            names = more;
        }
    }

    /** Whether the tenant itself sets {@code name} (in any source). */
    boolean setsItself(String name) {
        return lookup(name) != null;
    }

    public String tenant() {
        return tenant;
    }

    @Override
    public String[] getPropertyNames() {
        return names.clone();
    }

    @Override
    public Object getProperty(String name) {
        if (Tenants.PROPERTY.equals(name) || XERO_TENANT.equals(name)) {
            return tenant;
        }
        if (name.startsWith(Tenants.PREFIX + ".")) {
            return null;
        }
        Object value = lookup(name);
        return value != null ? value : defaults.get(name);
    }

    private Object lookup(String name) {
        ConfigurationPropertyName key = ConfigurationPropertyName.adapt(name, '.');
        if (key.isEmpty()) {
            return null;
        }
        ConfigurationPropertyName full = prefix.append(key);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(env)) {
            if (source.getUnderlyingSource() == this) {
                continue;
            }
            ConfigurationProperty property = source.getConfigurationProperty(full);
            if (property != null) {
                return property.getValue();
            }
        }
        return null;
    }
}
