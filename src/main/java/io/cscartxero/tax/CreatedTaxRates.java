package io.cscartxero.tax;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Xero tax rates the connector created, per organisation and CS-Cart rate key ("6@12"). Written in a transaction
 * of its own, right after Xero answered, so that a chunk rolled back later does not forget a rate Xero already has.
 */
@Repository
public class CreatedTaxRates {

    /** What was created: the TaxType Xero assigned and the name it was created with. */
    public record Created(String rateKey, String taxType, String name) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public CreatedTaxRates(JdbcTemplate jdbc, PlatformTransactionManager txManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(txManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Rate key → what was created for it in this organisation. */
    public Map<String, Created> all(String tenantId) {
        Map<String, Created> found = new HashMap<>();
        jdbc.query("SELECT rate_key, tax_type, name FROM xero_tax_rate_created WHERE tenant_id = ?",
                rs -> {
                    found.put(rs.getString(1), new Created(rs.getString(1), rs.getString(2), rs.getString(3)));
                }, tenantId);
        return found;
    }

    public void remember(String tenantId, Created created) {
        ownTransaction.executeWithoutResult(status -> {
            int updated = jdbc.update("UPDATE xero_tax_rate_created SET tax_type = ?, name = ? WHERE tenant_id = ? AND rate_key = ?",
                    created.taxType(), created.name(), tenantId, created.rateKey());
            if (updated == 0) {
                jdbc.update("INSERT INTO xero_tax_rate_created (tenant_id, rate_key, tax_type, name, created_at) VALUES (?, ?, ?, ?, ?)",
                        tenantId, created.rateKey(), created.taxType(), created.name(), Timestamp.from(Instant.now()));
            }
        });
    }
}
