package io.cscartxero.product;

import java.util.function.LongFunction;

import io.cscartxero.bookkeeping.LineBooking;
import io.cscartxero.bookkeeping.SalesBooking;
import io.cscartxero.bookkeeping.StoreCatalog;
import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.xero.XeroProperties;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The revenue account of each product's item ({@code xero.revenue-accounts.*}, else {@code xero.revenue-account-code}):
 * one definition for productExportJob, which sends it, and productImportJob, which hashes the item the export would
 * send (so that an imported change is not sent back).
 */
final class ProductAccounts {

    private ProductAccounts() {
    }

    /** product id → its item's revenue account; the store's catalog is read once, on first use. */
    static LongFunction<String> of(NamedParameterJdbcTemplate cscart, CsCartProperties properties, XeroProperties xero, String language) {
        LineBooking booking = new LineBooking(SalesBooking.of(xero), new StoreCatalog(cscart, properties, language), null);
        return booking::itemAccount;
    }
}
