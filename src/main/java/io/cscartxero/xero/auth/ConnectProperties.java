package io.cscartxero.xero.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What {@code connect} needs besides {@link io.cscartxero.xero.XeroProperties} (same {@code xero.} prefix).
 *
 * @param redirectUri     where Xero sends the browser back; must be registered with the Xero app and be a
 *                        {@code http://localhost:<port>/...} address: {@code connect} listens there
 * @param scopes          space-separated scopes to ask for ({@code offline_access} is needed for a refresh token;
 *                        apps created after 2 March 2026 ask for granular scopes such as {@code accounting.invoices
 *                        accounting.payments} instead of {@code accounting.transactions})
 * @param authorizeUrl    Xero's consent screen; blank: {@code https://login.xero.com/identity/connect/authorize}, or
 *                        {@code <xero.identity-url>/identity/connect/authorize} when the identity URL is not Xero's
 *                        (a sandbox serving both)
 * @param callbackTimeout how long {@code connect} waits for the browser to come back
 */
@ConfigurationProperties("xero")
public record ConnectProperties(
        @DefaultValue("http://localhost:8765/callback") String redirectUri,
        @DefaultValue("offline_access accounting.contacts accounting.settings accounting.transactions") String scopes,
        String authorizeUrl,
        @DefaultValue("5m") Duration callbackTimeout) {
}
