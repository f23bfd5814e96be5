package io.cscartxero.check;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.CsCartSchema;
import io.cscartxero.cscart.StoreSettingsService;
import io.cscartxero.infra.DataSourcesConfiguration;
import io.cscartxero.ops.LaunchRequirements;
import io.cscartxero.xero.XeroHttp;
import io.cscartxero.xero.XeroOrganisation;
import io.cscartxero.xero.auth.XeroTokenService;
import io.cscartxero.xero.model.Account;
import io.cscartxero.xero.model.Currency;
import io.cscartxero.xero.model.TaxRate;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the checks of one {@code check} run share, each fetched at most once: whether the CS-Cart database and
 * its tables can be read, the store settings, whether Xero can be called, and the organisation's details,
 * accounts, tax rates and currencies (GET requests only).
 */
public final class CheckContext {

    private final Sources sources;
    private final boolean exportsOnly;

    private Optional<String> cscartUnavailable;
    private Optional<String> tablesMissing;
    private Optional<String> xeroUnavailable;
    private JsonNode organisationDetails;
    private List<Account> accounts;
    private List<TaxRate> taxRates;
    private List<Currency> currencies;

    /**
     * What the checks read from, injected once: the CS-Cart database and its settings, what a launch needs, the Xero
     * token and client and the organisation's reference data.
     */
    @Component
    public record Sources(CsCartProperties cscartProperties,
            @Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart, CsCartSchema schema,
            StoreSettingsService storeSettings, LaunchRequirements requirements, XeroTokenService tokens, XeroHttp xeroHttp,
            XeroOrganisation organisation) {
    }

    CheckContext(Sources sources, boolean exportsOnly) {
        this.sources = sources;
        this.exportsOnly = exportsOnly;
    }

    public CsCartProperties cscartProperties() {
        return sources.cscartProperties();
    }

    public NamedParameterJdbcTemplate cscart() {
        return sources.cscart();
    }

    public CsCartSchema schema() {
        return sources.schema();
    }

    public StoreSettingsService storeSettings() {
        return sources.storeSettings();
    }

    public LaunchRequirements requirements() {
        return sources.requirements();
    }

    public XeroTokenService tokens() {
        return sources.tokens();
    }

    public XeroOrganisation organisation() {
        return sources.organisation();
    }

    /** {@code check --exports-only}: the import jobs are not used, their write grants are not needed. */
    public boolean exportsOnly() {
        return exportsOnly;
    }

    /** Why the CS-Cart database cannot be queried (not configured or not reachable), empty when it can. */
    public Optional<String> cscartUnavailable() {
        if (cscartUnavailable == null) {
            List<String> config = sources.requirements().cscartProblems();
            if (!config.isEmpty()) {
                cscartUnavailable = Optional.of(config.get(0));
            } else {
                try {
                    sources.cscart().getJdbcTemplate().queryForObject("SELECT 1", Integer.class);
                    cscartUnavailable = Optional.empty();
                } catch (RuntimeException e) {
                    cscartUnavailable = Optional.of("cannot connect: " + rootMessage(e));
                }
            }
        }
        return cscartUnavailable;
    }

    /** Why CS-Cart's tables cannot be read: the database's problem, or no {@code <prefix>orders} table. */
    public Optional<String> storeTablesUnavailable() {
        if (cscartUnavailable().isPresent()) {
            return Optional.of("the CS-Cart database is not available");
        }
        if (tablesMissing == null) {
            tablesMissing = tableExists("orders") && tableExists("settings_objects") ? Optional.empty()
                    : Optional.of("the tables are not found with cscart.table-prefix '" + sources.cscartProperties().tablePrefix() + "'");
        }
        return tablesMissing;
    }

    boolean tableExists(String name) {
        Integer n = sources.cscart().queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = :t",
                Map.of("t", sources.cscartProperties().table(name)), Integer.class);
        return n != null && n > 0;
    }

    /** Why Xero cannot be called (credentials missing, token refused, unreachable), empty when it can. */
    public Optional<String> xeroUnavailable() {
        if (xeroUnavailable == null) {
            List<String> config = sources.requirements().xeroProblems();
            if (!config.isEmpty()) {
                xeroUnavailable = Optional.of(String.join("; ", config));
            } else {
                try {
                    sources.tokens().accessToken();
                    xeroUnavailable = Optional.empty();
                } catch (RuntimeException e) {
                    xeroUnavailable = Optional.of(rootMessage(e));
                }
            }
        }
        return xeroUnavailable;
    }

    /** The organisation ({@code GET /Organisation}): Name, BaseCurrency, CountryCode... */
    public JsonNode organisationDetails() {
        if (organisationDetails == null) {
            organisationDetails = sources.xeroHttp().get("/Organisation").json().path("Organisations").path(0);
        }
        return organisationDetails;
    }

    public List<Account> accounts() {
        return accounts = fetchOnce(accounts, sources.organisation()::accounts);
    }

    public List<TaxRate> taxRates() {
        return taxRates = fetchOnce(taxRates, sources.organisation()::taxRates);
    }

    public List<Currency> currencies() {
        return currencies = fetchOnce(currencies, sources.organisation()::currencies);
    }

    private static <T> List<T> fetchOnce(List<T> held, Supplier<List<T>> fetch) {
        return held != null ? held : fetch.get();
    }

    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
