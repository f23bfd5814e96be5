package io.cscartxero.xero;

import java.time.Duration;
import java.util.Map;

import io.cscartxero.xero.auth.ConnectProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code xero.*} setting, with its default: how to reach and authenticate with Xero, what {@code connect} asks
 * for, the client's limits, and how CS-Cart records are booked. The keys are flat ({@code xero.revenue-account-code},
 * not {@code xero.bookkeeping.revenue-account-code}), so the groups are views: {@link #bookkeeping()} and
 * {@link #connect()}. Bound and validated at start-up, so a bad value stops the application with one line naming the
 * property before any job runs. Secrets ({@code clientSecret}, {@code refreshToken}, {@code tokenEncryptionKey}) are
 * never printed: {@link #toString()} masks them.
 *
 * @param apiUrl             Accounting API base, e.g. https://api.xero.com/api.xro/2.0
 * @param identityUrl        OAuth host; the token endpoint is {@code identityUrl + /connect/token}
 * @param grant              {@code client_credentials} (custom connection) or {@code refresh_token} (standard app)
 * @param refreshToken       first refresh token for a standard app; after the first refresh the rotated token lives
 *                           (encrypted) in the connector database and this value is ignored
 * @param tokenEncryptionKey the 256-bit key (base64) that encrypts tokens at rest; unset: the key file. A passphrase of
 *                           earlier versions is used only to read tokens stored with it
 * @param tokenKeyFile       the key file ({@code keygen}, or created 0600 when the first token is stored)
 * @param redirectUri        {@code connect}: see {@link ConnectProperties}
 * @param scopes             {@code connect}: see {@link ConnectProperties}
 * @param authorizeUrl       {@code connect}: see {@link ConnectProperties}
 * @param callbackTimeout    {@code connect}: see {@link ConnectProperties}
 * @param maxInFlight        calls in flight per tenant (Xero allows 5)
 * @param callsPerWindow     calls per rolling window per tenant (Xero allows 60 per minute)
 * @param window             the rate-limit window (one minute at Xero; shorter against a fast sandbox)
 * @param maxAttempts        attempts per request for transient failures and minute-limit 429s
 * @param initialBackoff     first retry delay; doubles per attempt, with jitter, capped at {@code maxBackoff}
 * @param revenueAccountCode and the other booking settings up to {@code invoiceStatus}: see {@link BookkeepingProperties}
 * @param taxRates           {@code xero.tax-rates.*}
 * @param paymentAccounts    {@code xero.payment-accounts.<payment_id>=<account code>}: where paymentExportJob books the
 *                           payments of each CS-Cart payment method (a blank value: that method is never paid)
 * @param paymentAccount     {@code xero.payment-account}: the account of the methods not mapped (unset: they stay unpaid)
 * @param revenueAccounts    {@code xero.revenue-accounts.*}: see {@link RevenueAccounts}
 * @param tracking           {@code xero.tracking.<1|2>.*}: see {@link Tracking}
 * @param connectorTenant    the connector's tenant whose organisation this is ({@code connector.tenant}, set by
 *                           {@code --tenant}; the tenant's configuration sets it): "" without tenants
 */
@Validated
@ConfigurationProperties("xero")
public record XeroProperties(
        // connection
        @DefaultValue("https://api.xero.com/api.xro/2.0") @NotBlank String apiUrl,
        @DefaultValue("https://identity.xero.com") @NotBlank String identityUrl,
        String clientId,
        String clientSecret,
        String tenantId,
        @DefaultValue(GRANT_CLIENT_CREDENTIALS) @NotBlank @Pattern(regexp = GRANT_CLIENT_CREDENTIALS + "|" + GRANT_REFRESH_TOKEN,
                message = "must be client_credentials or refresh_token") String grant,
        String refreshToken,
        String tokenEncryptionKey,
        @DefaultValue(io.cscartxero.xero.auth.TokenKeys.DEFAULT_KEY_FILE) @NotBlank String tokenKeyFile,
        // connect
        @DefaultValue("http://localhost:8765/callback") @NotBlank String redirectUri,
        @DefaultValue("offline_access accounting.contacts accounting.settings accounting.transactions") @NotBlank String scopes,
        String authorizeUrl,
        @DefaultValue("5m") @DurationMin(seconds = 1, message = "must be at least 1s") Duration callbackTimeout,
        // client limits
        @DefaultValue("5") @Min(1) int maxInFlight,
        @DefaultValue("60") @Min(1) int callsPerWindow,
        @DefaultValue("60s") @DurationMin(millis = 1, message = "must be positive") Duration window,
        @DefaultValue("6") @Min(1) int maxAttempts,
        @DefaultValue("500ms") @DurationMin(millis = 0, message = "must not be negative") Duration initialBackoff,
        @DefaultValue("30s") @DurationMin(millis = 0, message = "must not be negative") Duration maxBackoff,
        @DefaultValue("10s") @DurationMin(millis = 1, message = "must be positive") Duration connectTimeout,
        @DefaultValue("60s") @DurationMin(millis = 1, message = "must be positive") Duration readTimeout,
        // bookkeeping
        @DefaultValue("200") @NotBlank String revenueAccountCode,
        String itemTaxType,
        @DefaultValue("210") @NotBlank String shippingAccountCode,
        @DefaultValue("260") @NotBlank String surchargeAccountCode,
        @DefaultValue("215") @NotBlank String discountAccountCode,
        @DefaultValue("260") @NotBlank String giftCertificateAccountCode,
        @DefaultValue("860") @NotBlank String roundingAccountCode,
        @DefaultValue Map<String, String> taxTypes,
        @DefaultValue("NONE") @NotBlank String untaxedTaxType,
        @DefaultValue("CS-") String invoiceNumberPrefix,
        @DefaultValue("CN-") String creditNoteNumberPrefix,
        @DefaultValue("{orderId}") String invoiceReference,
        @DefaultValue("14") @Min(0) int invoiceDueDays,
        @DefaultValue("AUTHORISED") @NotBlank @Pattern(regexp = "DRAFT|SUBMITTED|AUTHORISED",
                message = "must be DRAFT, SUBMITTED or AUTHORISED") String invoiceStatus,
        // tax rates
        @DefaultValue TaxRates taxRates,
        // payments
        @DefaultValue Map<String, String> paymentAccounts,
        String paymentAccount,
        // accounts by what was sold, tracking categories
        @DefaultValue RevenueAccounts revenueAccounts,
        @DefaultValue Map<String, Tracking> tracking,
        // the connector's tenant (issue 14): set with --tenant, never by hand
        @DefaultValue("") String connectorTenant) {

    public static final String GRANT_CLIENT_CREDENTIALS = "client_credentials";
    public static final String GRANT_REFRESH_TOKEN = "refresh_token";

    public XeroProperties {
        taxTypes = taxTypes == null ? Map.of() : Map.copyOf(taxTypes);
        taxRates = taxRates == null ? new TaxRates(false) : taxRates;
        paymentAccounts = paymentAccounts == null ? Map.of() : Map.copyOf(paymentAccounts);
        revenueAccounts = revenueAccounts == null ? new RevenueAccounts(null, null, null) : revenueAccounts;
        tracking = tracking == null ? Map.of() : Map.copyOf(tracking);
        connectorTenant = connectorTenant == null ? "" : connectorTenant.strip();
    }

    /**
     * {@code xero.revenue-accounts.*}: the revenue account of an order line (and of an item's SalesDetails) by what was
     * sold; the first that applies wins: the product, its main category or the nearest mapped ancestor, the storefront,
     * then {@code xero.revenue-account-code}.
     *
     * @param product    {@code xero.revenue-accounts.product.<product_id>=<account code>}
     * @param category   {@code xero.revenue-accounts.category.<category_id>=<account code>} (also for its subcategories)
     * @param storefront {@code xero.revenue-accounts.storefront.<company_id>=<account code>}
     */
    public record RevenueAccounts(Map<String, String> product, Map<String, String> category, Map<String, String> storefront) {

        public RevenueAccounts {
            product = product == null ? Map.of() : Map.copyOf(product);
            category = category == null ? Map.of() : Map.copyOf(category);
            storefront = storefront == null ? Map.of() : Map.copyOf(storefront);
        }

        public boolean isEmpty() {
            return product.isEmpty() && category.isEmpty() && storefront.isEmpty();
        }
    }

    /**
     * {@code xero.tracking.<1|2>.*}: one Xero tracking category set on every invoice line. Checked as a whole (index,
     * name, source) by {@code bookkeeping.SalesBooking} when a job or {@code check} uses it, with one line naming the
     * property.
     *
     * @param name     the Xero tracking category, e.g. Channel (created when missing)
     * @param source   what its option is: storefront, category-top, category-leaf, vendor, payment-method, billing-country
     * @param options  {@code xero.tracking.1.options.<value>=<option name>}: a value (company, category or payment id,
     *                 country code) → option name; unmapped values use the value's name in CS-Cart
     * @param fallback the option of lines whose value is unknown or cannot get an option in Xero (blank: those lines
     *                 go without this category)
     */
    public record Tracking(String name, String source, Map<String, String> options, String fallback) {

        public Tracking {
            options = options == null ? Map.of() : Map.copyOf(options);
        }
    }

    /** The values of {@code xero.tracking.<n>.source}. */
    public static final String TRACKING_SOURCES = "storefront|category-top|category-leaf|vendor|payment-method|billing-country";

    /**
     * The Xero account (code) a CS-Cart payment method's payments go to: {@code xero.payment-accounts.<payment_id>},
     * else {@code xero.payment-account}; null when neither is set (or blank): that method's orders stay unpaid.
     */
    public String paymentAccountFor(long paymentId) {
        String mapped = paymentAccounts.get(Long.toString(paymentId));
        if (mapped != null) {
            return mapped.isBlank() ? null : mapped.trim();
        }
        return paymentAccount == null || paymentAccount.isBlank() ? null : paymentAccount.trim();
    }

    /**
     * {@code xero.tax-rates.*}
     *
     * @param createMissing create the Xero tax rates the orders need when none matches (one component per CS-Cart tax)
     */
    public record TaxRates(@DefaultValue("false") boolean createMissing) {
    }

    /** How CS-Cart records are booked in Xero: the booking settings of this record. */
    public BookkeepingProperties bookkeeping() {
        return new BookkeepingProperties(revenueAccountCode, itemTaxType, shippingAccountCode, surchargeAccountCode,
                discountAccountCode, giftCertificateAccountCode, roundingAccountCode, taxTypes, untaxedTaxType,
                invoiceNumberPrefix, invoiceReference, invoiceDueDays, invoiceStatus);
    }

    /** What {@code connect} needs besides the connection settings. */
    public ConnectProperties connect() {
        return new ConnectProperties(redirectUri, scopes, authorizeUrl, callbackTimeout);
    }

    public String tokenUrl() {
        return identityUrl + "/connect/token";
    }

    /** The same settings for another organisation: the one {@code connect} stored, when xero.tenant-id is not set. */
    public XeroProperties withTenantId(String newTenantId) {
        return new XeroProperties(apiUrl, identityUrl, clientId, clientSecret, newTenantId, grant, refreshToken,
                tokenEncryptionKey, tokenKeyFile, redirectUri, scopes, authorizeUrl, callbackTimeout, maxInFlight, callsPerWindow, window,
                maxAttempts, initialBackoff, maxBackoff, connectTimeout, readTimeout, revenueAccountCode, itemTaxType,
                shippingAccountCode, surchargeAccountCode, discountAccountCode, giftCertificateAccountCode,
                roundingAccountCode, taxTypes, untaxedTaxType, invoiceNumberPrefix, creditNoteNumberPrefix,
                invoiceReference, invoiceDueDays, invoiceStatus, taxRates, paymentAccounts, paymentAccount, revenueAccounts, tracking,
                connectorTenant);
    }

    /**
     * The tenant key used for limits, watermarks and link rows; custom connections may leave xero.tenant-id empty:
     * then it is {@code custom-connection}, or {@code custom-connection:<tenant>} in a tenant's context, so that two
     * tenants on custom connections never share links.
     */
    public String tenantKey() {
        if (tenantId == null || tenantId.isBlank()) {
            return connectorTenant.isEmpty() ? "custom-connection" : "custom-connection:" + connectorTenant;
        }
        return tenantId;
    }

    /**
     * The name of this organisation's connection in the connector database ({@code xero_token.connection_name}):
     * the connector tenant, or {@code default} without tenants.
     */
    public String connectionName() {
        return connectorTenant.isEmpty() ? "default" : connectorTenant;
    }

    @Override
    public String toString() {
        return "XeroProperties[apiUrl=" + apiUrl + ", identityUrl=" + identityUrl + ", clientId=" + clientId
                + ", clientSecret=***, tenantId=" + tenantId + ", grant=" + grant + ", refreshToken=***, tokenEncryptionKey=***]";
    }
}
