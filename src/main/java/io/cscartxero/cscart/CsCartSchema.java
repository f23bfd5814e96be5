package io.cscartxero.cscart;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import io.cscartxero.infra.DataSourcesConfiguration;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What this CS-Cart installation's tables look like, read once from information_schema instead of assuming a
 * version: Multi-Vendor (users.storefront_id) or Ultimate, and which add-on columns without a default exist
 * (a writer in strict SQL mode must fill them).
 */
@Component
public class CsCartSchema {

    private final NamedParameterJdbcTemplate cscart;
    private final CsCartProperties properties;
    private volatile Set<String> columns;

    public CsCartSchema(@Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart, CsCartProperties properties) {
        this.cscart = cscart;
        this.properties = properties;
    }

    public boolean hasColumn(String table, String column) {
        return columns().contains((properties.table(table) + "." + column).toLowerCase(Locale.ROOT));
    }

    /** Multi-Vendor keeps customers outside vendor companies (company_id 0); Ultimate scopes them to a storefront. */
    public boolean isMultiVendor() {
        return hasColumn("users", "storefront_id");
    }

    private Set<String> columns() {
        Set<String> known = columns;
        if (known == null) {
            Set<String> found = new HashSet<>();
            cscart.getJdbcTemplate().query("SELECT table_name, column_name FROM information_schema.columns "
                    + "WHERE table_schema = DATABASE() AND table_name LIKE ?", rs -> {
                        found.add((rs.getString(1) + "." + rs.getString(2)).toLowerCase(Locale.ROOT));
                    }, properties.tablePrefix().replace("_", "\\_") + "%");
            columns = known = Set.copyOf(found);
        }
        return known;
    }
}
