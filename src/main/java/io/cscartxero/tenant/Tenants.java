package io.cscartxero.tenant;

import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * The tenants configured ({@code tenants.<name>.*} in any property source, environment variables included) and the
 * tenant of a context ({@code connector.tenant}).
 */
public final class Tenants {

    /** The tenant of a context: set by {@code --tenant}; blank or absent without tenants. */
    public static final String PROPERTY = "connector.tenant";
    /** Set by the CLI for commands that act on one organisation: without {@code --tenant} they are refused when tenants exist. */
    public static final String REQUIRED_PROPERTY = "connector.tenant-required";
    /**
     * {@code connect --tenant}: the tenant when tenants are configured; without tenants the option keeps its meaning
     * of before (the organisation to choose), and this property is ignored.
     */
    public static final String IF_CONFIGURED_PROPERTY = "connector.tenant-if-configured";
    public static final String PREFIX = "tenants";
    public static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of(PREFIX);

    private Tenants() {
    }

    /** Every tenant with at least one key, in name order. */
    public static SortedSet<String> configured(Environment env) {
        return configured(ConfigurationPropertySources.get(env), null);
    }

    static SortedSet<String> configured(Iterable<ConfigurationPropertySource> sources, Object skip) {
        SortedSet<String> names = new TreeSet<>();
        for (ConfigurationPropertySource source : sources) {
            if (source.getUnderlyingSource() == skip || !(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            iterable.filter(ROOT::isAncestorOf).forEach(name -> {
                if (name.getNumberOfElements() > 2) {
                    names.add(name.getElement(1, ConfigurationPropertyName.Form.DASHED));
                }
            });
        }
        return names;
    }

    /** The tenant of this context, or "" when it has none. */
    public static String current(Environment env) {
        String name = env.getProperty(PROPERTY, "");
        return name.strip();
    }

    /** Null when {@code name} is a valid tenant name, else the one line saying why not. */
    public static String invalidName(String name) {
        return NAME.matcher(name).matches() ? null
                : "Tenant name '" + name + "' is not valid: 1 to 32 characters a-z, 0-9 and '-'";
    }

    /** Null when {@code name} is one of the configured tenants, else the one line saying which exist. */
    public static String unknown(String name, Collection<String> configured) {
        String invalid = invalidName(name);
        if (invalid != null) {
            return invalid;
        }
        return configured.contains(name) ? null : "Unknown tenant '" + name + "'. Configured tenants: " + list(configured);
    }

    public static String list(Collection<String> configured) {
        return configured.isEmpty() ? "(none: no tenants.<name>.* keys)" : String.join(", ", configured);
    }

    /** A tenant cannot be selected, or must be: a usage error (exit 2) with one line. */
    public static final class TenantException extends IllegalStateException {
        public TenantException(String message) {
            super(message);
        }
    }
}
