package io.cscartxero.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * The taxes of issue 10's store, added to a fixture store before its orders are generated: VAT (tax 6) with a rate
 * per destination as in CS-Cart's demo data (10 % for destination 1 from the seed, 12 % and 3 % for destinations 2 and
 * 3), and a US state sales tax (10, 8.875 %) with a county tax (11, 2.5 %) on the same lines, both added to prices.
 * Rows as CS-Cart stores them ({@code taxes}, {@code tax_descriptions}, {@code tax_rates}); idempotent.
 * <p>
 * The generator's orders use a tax rate only where the store has it, so a store without these rows keeps the
 * seed's four taxes. Mapping VAT's 12 % and 3 % to Xero needs a per-rate mapping ({@code xero.tax-types.6@12}).
 */
public final class TaxVariety {

    private TaxVariety() {
    }

    public static void install(DataSource ds, String prefix) {
        CsCartFixture.checkPrefix(prefix);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT IGNORE INTO " + prefix + "taxes (tax_id, address_type, status, price_includes_tax,"
                    + " display_including_tax, display_info, regnumber, priority) VALUES (10, 'S', 'A', 'N', 'N', '',"
                    + " '', 0), (11, 'S', 'A', 'N', 'N', '', '', 0)");
            st.executeUpdate("INSERT IGNORE INTO " + prefix + "tax_descriptions (tax_id, lang_code, tax) VALUES"
                    + " (10, 'en', 'State sales tax'), (10, 'fr', 'Taxe de vente de l''État'), (11, 'en', 'County tax'),"
                    + " (11, 'fr', 'Taxe du comté')");
            String[][] rates = {{"6", "2", "12.000"}, {"6", "3", "3.000"}, {"10", "4", "8.875"}, {"11", "4", "2.500"}};
            for (String[] r : rates) {
                // tax_rates has UNIQUE (tax_id, destination_id)
                st.executeUpdate("INSERT IGNORE INTO " + prefix + "tax_rates (tax_id, destination_id, rate_value,"
                        + " rate_type) VALUES (" + r[0] + ", " + r[1] + ", " + r[2] + ", 'P')");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
