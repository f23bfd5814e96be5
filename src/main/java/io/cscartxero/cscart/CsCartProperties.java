package io.cscartxero.cscart;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code cscart.*} setting: where the CS-Cart database is, how its tables are named, and where the imports put
 * what they create. The store's own settings (time zone, default language, primary currency) are read from the
 * store by {@link StoreSettingsService}; {@code timezone} and {@code language} here only override them. Validated at
 * start-up: the record's own invariants (prefix, language, time zone) in its constructor, the import targets by their
 * constraints; either way a bad value stops the application with one line naming the property.
 *
 * @param tablePrefix CS-Cart's table prefix; the only text ever concatenated into SQL, hence the strict pattern
 * @param language    optional override of the store's default language (two-letter lang_code)
 * @param datasource  JDBC connection of the CS-Cart database
 * @param timezone    optional override of the store's time zone (an IANA zone id such as Europe/Berlin)
 * @param imports     {@code cscart.import.*}: what productImportJob and customerImportJob create
 * @param adminUrl    optional address of the store's admin script (e.g. https://shop.example.com/admin.php): the
 *                    operator console links errors and differences to the record in CS-Cart's admin panel
 * @param storefronts the storefronts ({@code company_id}) whose customers, products and orders this connector (or
 *                    tenant) syncs; empty: all of them. See {@link #storefrontCondition(String)}
 */
@Validated
@ConfigurationProperties("cscart")
public record CsCartProperties(
        @DefaultValue("cscart_") String tablePrefix,
        String language,
        @DefaultValue Datasource datasource,
        String timezone,
        @Name("import") @DefaultValue @Valid Import imports,
        String adminUrl,
        @DefaultValue List<@jakarta.validation.constraints.Positive(message = "must be storefront ids (company_id)") Long> storefronts) {

    static final Pattern PREFIX = Pattern.compile("^[a-z0-9_]{0,32}$");
    static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2}$");

    @ConstructorBinding
    public CsCartProperties {
        // checked here, not by constraints: these hold for every instance, also one built in code (the prefix goes into SQL)
        if (tablePrefix == null || !PREFIX.matcher(tablePrefix).matches()) {
            throw new IllegalArgumentException("cscart.table-prefix must match " + PREFIX.pattern() + " but was '" + tablePrefix + "'");
        }
        language = blankToNull(language);
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("cscart.language must be a two-letter CS-Cart lang_code but was '" + language + "'");
        }
        timezone = blankToNull(timezone);
        if (timezone != null) {
            try {
                ZoneId.of(timezone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("cscart.timezone must be a time zone id such as Europe/Berlin but was '" + timezone + "'");
            }
        }
        imports = imports == null ? Import.DEFAULTS : imports;
        storefronts = storefronts == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(storefronts));
        adminUrl = blankToNull(adminUrl);
        if (adminUrl != null && !adminUrl.matches("https?://[^\\s\"'<>]+")) {
            throw new IllegalArgumentException("cscart.admin-url must be the http(s) address of the store's admin script such as "
                    + "https://shop.example.com/admin.php but was '" + adminUrl + "'");
        }
    }

    /** Without the overrides (the store's own settings apply) and with the default import targets. */
    public CsCartProperties(String tablePrefix, String language, Datasource datasource) {
        this(tablePrefix, language, datasource, null, Import.DEFAULTS, null, List.of());
    }

    /** With the default import targets. */
    public CsCartProperties(String tablePrefix, String language, Datasource datasource, String timezone) {
        this(tablePrefix, language, datasource, timezone, Import.DEFAULTS, null, List.of());
    }

    public record Datasource(String url, String username, String password) {
        @Override
        public String toString() {
            return "Datasource[url=" + url + ", username=" + username + ", password=***]";
        }
    }

    /**
     * {@code cscart.import.*}: where the imports put what they create.
     *
     * @param categoryId    main category of products created by productImportJob; null: it creates none (a Xero item
     *                      without a CS-Cart product is skipped with an error row)
     * @param companyId     storefront ({@code company_id}) of imported customers (CS-Cart Ultimate; Multi-Vendor: 0)
     * @param productStatus status of imported products: A active, H hidden, D disabled
     * @param updatePrices  productImportJob also writes prices changed in Xero to existing products
     */
    public record Import(
            @Positive(message = "must be the id of a category of the store (or not set)") Long categoryId,
            @DefaultValue("1") @Min(0) long companyId,
            @DefaultValue("D") @NotNull @jakarta.validation.constraints.Pattern(regexp = "[AHD]", message = "must be A (active), H (hidden) or D (disabled)") String productStatus,
            @DefaultValue("false") boolean updatePrices) {

        static final Import DEFAULTS = new Import(null, 1, "D", false);
    }

    /**
     * The one condition that scopes a query to {@link #storefronts()}: {@code " AND o.company_id IN (1, 3)"} for the
     * column given ({@code users.company_id}, {@code products.company_id}, {@code orders.company_id}), or "" when every
     * storefront is synced. The ids are numbers bound at start-up, so the text is safe to append. Multi-Vendor:
     * {@code company_id} there is the vendor; storefronts are not vendors, so leave {@code cscart.storefronts} empty.
     */
    public String storefrontCondition(String column) {
        return storefrontCondition(column, storefronts);
    }

    /** {@link #storefrontCondition(String)} for these storefront ids ({@link InvoicedOrderScope} carries its own). */
    static String storefrontCondition(String column, List<Long> storefronts) {
        if (storefronts.isEmpty()) {
            return "";
        }
        StringBuilder in = new StringBuilder(" AND ").append(column).append(" IN (");
        for (int i = 0; i < storefronts.size(); i++) {
            in.append(i == 0 ? "" : ", ").append(storefronts.get(i).longValue());
        }
        return in.append(')').toString();
    }

    /** The prefixed name of a CS-Cart table; {@code name} is always a constant from our own code. */
    public String table(String name) {
        return tablePrefix + name;
    }

    /** The same settings with the language the store settings resolved (for code that reads {@link #language()}). */
    public CsCartProperties withLanguage(String resolved) {
        return new CsCartProperties(tablePrefix, resolved, datasource, timezone, imports, adminUrl, storefronts);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
