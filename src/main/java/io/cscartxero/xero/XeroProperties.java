package io.cscartxero.xero;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach and authenticate with Xero. Secrets ({@code clientSecret}, {@code refreshToken},
 * {@code tokenEncryptionKey}) are never printed: {@link #toString()} masks them.
 *
 * @param apiUrl             Accounting API base, e.g. https://api.xero.com/api.xro/2.0
 * @param identityUrl        OAuth host; the token endpoint is {@code identityUrl + /connect/token}
 * @param grant              {@code client_credentials} (custom connection) or {@code refresh_token} (standard app)
 * @param refreshToken       first refresh token for a standard app; after the first refresh the rotated token lives
 *                           (encrypted) in the connector database and this value is ignored
 * @param tokenEncryptionKey passphrase that encrypts tokens at rest
 * @param maxInFlight        calls in flight per tenant (Xero allows 5)
 * @param callsPerWindow     calls per rolling window per tenant (Xero allows 60 per minute)
 * @param window             the rate-limit window (one minute at Xero; shorter against a fast sandbox)
 * @param maxAttempts        attempts per request for transient failures and minute-limit 429s
 * @param initialBackoff     first retry delay; doubles per attempt, with jitter, capped at {@code maxBackoff}
 */
@ConfigurationProperties("xero")
public record XeroProperties(
        @DefaultValue("https://api.xero.com/api.xro/2.0") String apiUrl,
        @DefaultValue("https://identity.xero.com") String identityUrl,
        String clientId,
        String clientSecret,
        String tenantId,
        @DefaultValue("client_credentials") String grant,
        String refreshToken,
        String tokenEncryptionKey,
        @DefaultValue("5") int maxInFlight,
        @DefaultValue("60") int callsPerWindow,
        @DefaultValue("60s") Duration window,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("500ms") Duration initialBackoff,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("60s") Duration readTimeout) {

    public static final String GRANT_CLIENT_CREDENTIALS = "client_credentials";
    public static final String GRANT_REFRESH_TOKEN = "refresh_token";

    public XeroProperties {
        if (!GRANT_CLIENT_CREDENTIALS.equals(grant) && !GRANT_REFRESH_TOKEN.equals(grant)) {
            throw new IllegalArgumentException("xero.grant must be client_credentials or refresh_token but was '" + grant + "'");
        }
        if (maxInFlight < 1 || callsPerWindow < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("xero.max-in-flight, xero.calls-per-window and xero.max-attempts must be at least 1");
        }
    }

    public String tokenUrl() {
        return identityUrl + "/connect/token";
    }

    /** The same settings for another organisation: the one {@code connect} stored, when xero.tenant-id is not set. */
    public XeroProperties withTenantId(String newTenantId) {
        return new XeroProperties(apiUrl, identityUrl, clientId, clientSecret, newTenantId, grant, refreshToken,
                tokenEncryptionKey, maxInFlight, callsPerWindow, window, maxAttempts, initialBackoff, maxBackoff,
                connectTimeout, readTimeout);
    }

    /** The tenant key used for limits and link rows; custom connections may leave xero.tenant-id empty. */
    public String tenantKey() {
        return tenantId == null || tenantId.isBlank() ? "custom-connection" : tenantId;
    }

    @Override
    public String toString() {
        return "XeroProperties[apiUrl=" + apiUrl + ", identityUrl=" + identityUrl + ", clientId=" + clientId
                + ", clientSecret=***, tenantId=" + tenantId + ", grant=" + grant + ", refreshToken=***, tokenEncryptionKey=***]";
    }
}
