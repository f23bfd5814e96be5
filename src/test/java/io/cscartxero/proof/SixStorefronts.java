package io.cscartxero.proof;

import io.cscartxero.testsupport.CsCartFixture;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Turns a generated store into a CS-Cart Ultimate store with six storefronts (companies 1..6, {@code storefront} set),
 * each with its own customers ({@code users.company_id}, as with "share users between storefronts" off), products
 * ({@code products.company_id}) and orders: a registered buyer's order is placed in the buyer's storefront, a guest's
 * in {@code 1 + order_id % 6}. Multi-Vendor parent orders are removed and their children become ordinary orders (a
 * storefront store has no vendors). Run after {@link io.cscartxero.testsupport.StoreGenerator}.
 */
final class SixStorefronts {

    static final int COUNT = 6;

    private SixStorefronts() {
    }

    static void apply(JdbcTemplate db, String prefix) {
        CsCartFixture.checkPrefix(prefix);
        for (int id = 4; id <= COUNT; id++) {
            db.update("INSERT INTO " + prefix + "companies (company_id, status, company, lang_code, address, city, state,"
                    + " country, zipcode, email, phone, url, storefront, secure_storefront, timestamp)"
                    + " SELECT ?, status, CONCAT('Shop ', ?), lang_code, address, city, state, country, zipcode, email,"
                    + " phone, url, '', '', timestamp FROM " + prefix + "companies WHERE company_id = 1", id, id);
        }
        db.update("UPDATE " + prefix + "companies SET storefront = CONCAT('shop', company_id, '.example.com'),"
                + " secure_storefront = CONCAT('shop', company_id, '.example.com') WHERE company_id BETWEEN 1 AND " + COUNT);
        db.update("UPDATE " + prefix + "users SET company_id = 1 + user_id % " + COUNT + " WHERE user_type = 'C'");
        db.update("UPDATE " + prefix + "products SET company_id = 1 + product_id % " + COUNT);
        db.update("DELETE FROM " + prefix + "orders WHERE is_parent_order = 'Y'");
        db.update("UPDATE " + prefix + "orders SET parent_order_id = 0");
        db.update("UPDATE " + prefix + "orders o JOIN " + prefix + "users u ON u.user_id = o.user_id"
                + " SET o.company_id = u.company_id WHERE o.user_id > 0 AND u.user_type = 'C'");
        db.update("UPDATE " + prefix + "orders SET company_id = 1 + order_id % " + COUNT + " WHERE user_id = 0"
                + " OR user_id NOT IN (SELECT user_id FROM " + prefix + "users WHERE user_type = 'C')");
    }
}
