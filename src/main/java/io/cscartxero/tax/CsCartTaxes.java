package io.cscartxero.tax;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.cscart.CsCartProperties;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * CS-Cart's own tax settings: {@code taxes} (priority, included in prices, status), their names
 * ({@code tax_descriptions} in {@code cscart.language}, else any language) and their rates per destination
 * ({@code tax_rates}, with the names of {@code destination_descriptions} when the table is there).
 *
 * @param taxes        tax id → the tax (in id order)
 * @param rates        rate key ("6@12") → the tax at that rate
 * @param destinations rate key → names of the destinations with that rate
 * @param flatRates    tax id → flat amounts (rate_type F), which Xero cannot express
 */
public record CsCartTaxes(Map<String, Tax> taxes, Map<String, TaxCombo> rates, Map<String, List<String>> destinations,
        Map<String, List<BigDecimal>> flatRates) {

    /** One row of {@code taxes}. */
    public record Tax(String taxId, String name, int priority, boolean included, String status) {
    }

    public static CsCartTaxes read(JdbcTemplate cscart, CsCartProperties properties) {
        Map<String, String> names = new HashMap<>();
        cscart.query("SELECT tax_id, lang_code, tax FROM " + properties.table("tax_descriptions"), rs -> {
            String id = rs.getString(1);
            if (properties.language().equalsIgnoreCase(rs.getString(2)) || !names.containsKey(id)) {
                names.put(id, rs.getString(3) == null ? "" : rs.getString(3).strip());
            }
        });
        Map<String, Tax> taxes = new LinkedHashMap<>();
        cscart.query("SELECT tax_id, priority, price_includes_tax, status FROM " + properties.table("taxes") + " ORDER BY tax_id", rs -> {
            String id = rs.getString(1);
            taxes.put(id, new Tax(id, names.getOrDefault(id, ""), rs.getInt(2), "Y".equals(rs.getString(3)), rs.getString(4)));
        });
        Map<String, String> destinationNames = new HashMap<>();
        try {
            cscart.query("SELECT destination_id, lang_code, destination FROM " + properties.table("destination_descriptions"), rs -> {
                String id = rs.getString(1);
                if (properties.language().equalsIgnoreCase(rs.getString(2)) || !destinationNames.containsKey(id)) {
                    destinationNames.put(id, rs.getString(3));
                }
            });
        } catch (DataAccessException noSuchTable) {
            // a trimmed store without location tables: destinations are shown by id
        }
        Map<String, TaxCombo> rates = new LinkedHashMap<>();
        Map<String, List<String>> destinations = new LinkedHashMap<>();
        Map<String, List<BigDecimal>> flat = new LinkedHashMap<>();
        cscart.query("SELECT tax_id, destination_id, rate_value, rate_type FROM " + properties.table("tax_rates")
                + " ORDER BY tax_id, rate_value, destination_id", rs -> {
            String id = rs.getString(1);
            Tax tax = taxes.get(id);
            if (tax == null) {
                return;
            }
            BigDecimal value = rs.getBigDecimal(3);
            if (!"P".equalsIgnoreCase(rs.getString(4))) {
                flat.computeIfAbsent(id, k -> new ArrayList<>()).add(value);
                return;
            }
            TaxCombo combo = TaxCombo.of(new AppliedTax(id, tax.name(), value, tax.priority(), tax.included()));
            rates.putIfAbsent(combo.key(), combo);
            String destination = destinationNames.getOrDefault(rs.getString(2), "destination " + rs.getString(2));
            destinations.computeIfAbsent(combo.key(), k -> new ArrayList<>()).add(destination);
        });
        return new CsCartTaxes(taxes, rates, destinations, flat);
    }

    /** The combination with each tax named as CS-Cart's tax_descriptions names it (deterministic across orders). */
    public TaxCombo named(TaxCombo combo) {
        return new TaxCombo(combo.taxes().stream().map(t -> {
            Tax tax = taxes.get(t.taxId());
            return tax == null || tax.name().isBlank() ? t : t.withName(tax.name());
        }).toList());
    }
}
