package io.cscartxero.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.xero.XeroProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * A tenant's keys seen unprefixed in its context, from a properties source and from environment variables
 * ({@code TENANTS_SHOPA_XERO_CLIENTSECRET}) alike, bound into the configuration records as Boot binds them; names
 * checked; without {@code connector.tenant} nothing changes.
 */
class TenantPropertySourceTest {

    private static StandardEnvironment environment(Map<String, Object> properties, Map<String, Object> envVars) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, envVars));
        env.getPropertySources().addFirst(new MapPropertySource("applicationProperties", properties));
        ConfigurationPropertySources.attach(env);
        return env;
    }

    private static final Map<String, Object> PROPERTIES = Map.of(
            "xero.client-id", "global-client", "xero.invoice-number-prefix", "CS-",
            "tenants.shopa.xero.client-id", "client-a", "tenants.shopa.xero.invoice-number-prefix", "A-",
            "tenants.shopa.cscart.storefronts", "2,1",
            "tenants.shopa.xero.revenue-accounts.product.7", "207",
            "tenants.shop-b.xero.client-id", "client-b");
    private static final Map<String, Object> ENV = Map.of("TENANTS_SHOPA_XERO_CLIENTSECRET", "secret-a-from-env",
            "TENANTS_SHOPC_XERO_CLIENTID", "client-c-from-env", "XERO_CLIENTSECRET", "global-secret");

    @Test
    void theTenantsKeysFromPropertiesAndEnvironmentVariablesWinInItsContext() {
        StandardEnvironment env = environment(PROPERTIES, ENV);
        assertThat(Tenants.configured(env)).containsExactly("shop-b", "shopa", "shopc");
        env.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", Map.of("connector.tenant", "shopa")));
        new TenantEnvironmentPostProcessor().postProcessEnvironment(env, null);

        XeroProperties xero = Binder.get(env).bindOrCreate("xero", XeroProperties.class);
        assertThat(xero.clientId()).isEqualTo("client-a");
        assertThat(xero.clientSecret()).isEqualTo("secret-a-from-env");
        assertThat(xero.invoiceNumberPrefix()).isEqualTo("A-");
        assertThat(xero.revenueAccounts().product()).containsEntry("7", "207");
        assertThat(xero.connectorTenant()).isEqualTo("shopa");
        assertThat(xero.tenantKey()).isEqualTo("custom-connection:shopa");
        assertThat(xero.connectionName()).isEqualTo("shopa");
        CsCartProperties cscart = Binder.get(env).bindOrCreate("cscart", CsCartProperties.class);
        assertThat(cscart.storefronts()).containsExactly(2L, 1L);
        assertThat(cscart.imports().companyId()).isEqualTo(2L);   // its first storefront
        assertThat(cscart.storefrontCondition("o.company_id")).isEqualTo(" AND o.company_id IN (2, 1)");
        assertThat(env.getProperty("xero.client-secret")).isEqualTo("secret-a-from-env");
    }

    @Test
    void aTenantOnlyInTheEnvironment() {
        StandardEnvironment env = environment(PROPERTIES, ENV);
        env.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", Map.of("connector.tenant", "shopc")));
        new TenantEnvironmentPostProcessor().postProcessEnvironment(env, null);
        XeroProperties xero = Binder.get(env).bindOrCreate("xero", XeroProperties.class);
        assertThat(xero.clientId()).isEqualTo("client-c-from-env");
        assertThat(xero.clientSecret()).isEqualTo("global-secret");   // not the tenant's: the global value
        assertThat(xero.invoiceNumberPrefix()).isEqualTo("CS-");
    }

    @Test
    void withoutATenantNothingChanges() {
        StandardEnvironment env = environment(PROPERTIES, ENV);
        new TenantEnvironmentPostProcessor().postProcessEnvironment(env, null);
        XeroProperties xero = Binder.get(env).bindOrCreate("xero", XeroProperties.class);
        assertThat(xero.clientId()).isEqualTo("global-client");
        assertThat(xero.tenantKey()).isEqualTo("custom-connection");
        assertThat(xero.connectionName()).isEqualTo("default");
        assertThat(env.getPropertySources().contains(TenantPropertySource.NAME)).isFalse();
    }

    @Test
    void unknownInvalidOrMissingTenantsAreOneLine() {
        for (var c : List.of(List.of("connector.tenant", "nope", "Unknown tenant 'nope'. Configured tenants: shop-b, shopa, shopc"),
                List.of("connector.tenant", "Shop_A", "Tenant name 'Shop_A' is not valid: 1 to 32 characters a-z, 0-9 and '-'"),
                List.of("connector.tenant-required", "true",
                        "This command acts on one organisation: add --tenant <name>. Configured tenants: shop-b, shopa, shopc"))) {
            StandardEnvironment env = environment(PROPERTIES, ENV);
            env.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", Map.of(c.get(0), c.get(1))));
            assertThatThrownBy(() -> new TenantEnvironmentPostProcessor().postProcessEnvironment(env, null))
                    .isInstanceOf(Tenants.TenantException.class).hasMessage(c.get(2));
        }
    }
}
