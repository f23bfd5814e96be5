package io.cscartxero.check;

import java.util.List;

/**
 * One part of the {@code check} command: everything a first run needs, read-only, one line per thing checked.
 * <p>
 * To add a line, declare a bean implementing this interface with an {@link org.springframework.core.annotation.Order}
 * (the constants below place it among the others; e.g. the tax plan uses {@link #TAX_PLAN}). A check reads only:
 * no Xero write, no CS-Cart change. Use the {@link CheckContext} for what several checks share (the CS-Cart
 * connection, the organisation's accounts, tax rates and currencies, the store settings), so each is fetched once;
 * when something it needs is unavailable ({@link CheckContext#cscartUnavailable()}, {@link CheckContext#xeroUnavailable()}),
 * return {@link CheckLine#notChecked}. An exception thrown by a check becomes a ✗ line with its message.
 */
public interface FirstRunCheck {

    int CSCART_DATABASE = 100;
    int TABLE_PREFIX = 200;
    int CSCART_VERSION = 300;
    int CSCART_GRANTS = 400;
    int STORE_SETTINGS = 500;
    int ORDER_STATUSES = 600;
    int IMPORT_TARGETS = 650;
    int CONNECTOR_DATABASE = 700;
    int XERO_CONNECTION = 800;
    int XERO_CURRENCY = 900;
    int XERO_ACCOUNTS = 1000;
    int XERO_TAX_TYPES = 1100;
    /** Where the tax plan (taxes resolved per rate) goes: after the accounts and tax types. */
    int TAX_PLAN = 1200;
    /** The payment-method → account plan of paymentExportJob: after the tax plan. */
    int PAYMENT_PLAN = 1300;
    /** Revenue accounts by product, category and storefront (xero.revenue-accounts.*): after the accounts. */
    int ACCOUNT_PLAN = 1050;
    /** The tracking categories and options (xero.tracking.*): after the payment plan. */
    int TRACKING_PLAN = 1400;

    /** What this check is about, for the ✗ line of an unexpected failure. */
    String subject();

    List<CheckLine> check(CheckContext context);
}
