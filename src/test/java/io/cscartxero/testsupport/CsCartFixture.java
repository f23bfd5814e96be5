package io.cscartxero.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The project's CS-Cart test fixture: {@code cscart/schema.sql} (the CS-Cart tables the connector uses, faithful to
 * CS-Cart 4.20 column definitions, MyISAM, {@code utf8}) and {@code cscart/seed.sql} (reference rows: languages
 * {@code en}/{@code fr}, store company 1 and vendor companies 2 / 3, currencies USD (primary)/EUR, order statuses
 * O/P/C/F/D/B/I with descriptions and {@code payment_received}/{@code inventory} data, categories 1 (top) and 2..6,
 * taxes 6 "VAT" 10 % and 7 "GST" 15 % (included in prices), 8 "Sales tax" 8.25 % and 9 "City tax" 1.5 % (added to
 * prices) with descriptions in both languages and one rate each, settings
 * {@code backend_default_language=en} and the {@code log_type_*} switches).
 *
 * <p>Fill it with customers, products and orders through {@link StoreGenerator}.
 */
public final class CsCartFixture {

    /** CS-Cart's default table prefix. */
    public static final String DEFAULT_PREFIX = "cscart_";

    /** Tables created by {@link #create(DataSource, String)}, without prefix. */
    public static final List<String> TABLES = List.of("users", "user_profiles", "profile_fields_data", "products",
            "product_descriptions", "product_prices", "products_categories", "categories", "category_descriptions",
            "companies", "orders", "order_details", "order_data", "statuses", "status_descriptions", "status_data",
            "currencies", "languages", "settings_objects", "taxes", "tax_descriptions", "tax_rates", "logs", "payments",
            "payment_descriptions", "rma_properties", "rma_property_descriptions", "rma_return_products", "rma_returns");

    private static final Pattern PREFIX = Pattern.compile("^[a-z0-9_]{0,32}$");

    private CsCartFixture() {
    }

    /** Creates the fixture tables with {@code prefix} and inserts the seed rows. Fails if a table already exists. */
    public static void create(DataSource ds, String prefix) {
        String schema = schemaSql(prefix);
        String seed = seedSql(prefix);
        try (Connection c = ds.getConnection()) {
            SqlScripts.execute(c, schema);
            SqlScripts.execute(c, seed);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the CS-Cart fixture", e);
        }
    }

    /** Creates only the tables, without seed rows. */
    public static void createSchema(DataSource ds, String prefix) {
        String schema = schemaSql(prefix);
        try (Connection c = ds.getConnection()) {
            SqlScripts.execute(c, schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the CS-Cart fixture schema", e);
        }
    }

    /** The DDL script with {@code {prefix}} replaced. */
    public static String schemaSql(String prefix) {
        return SqlScripts.resource("cscart/schema.sql").replace("{prefix}", checkPrefix(prefix));
    }

    /** The seed script with {@code {prefix}} replaced. */
    public static String seedSql(String prefix) {
        return SqlScripts.resource("cscart/seed.sql").replace("{prefix}", checkPrefix(prefix));
    }

    /** Returns {@code prefix} if it matches {@code ^[a-z0-9_]{0,32}$}, else throws {@link IllegalArgumentException}. */
    public static String checkPrefix(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("Table prefix must match ^[a-z0-9_]{0,32}$ but is: " + prefix);
        }
        return prefix;
    }
}
