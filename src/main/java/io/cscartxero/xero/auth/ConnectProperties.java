package io.cscartxero.xero.auth;

/**
 * What {@code connect} needs besides the connection settings: a view of {@link io.cscartxero.xero.XeroProperties}
 * (same flat {@code xero.} keys), validated and defaulted there; {@code XeroProperties.connect()} makes it.
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
public record ConnectProperties(String redirectUri, String scopes, String authorizeUrl, java.time.Duration callbackTimeout) {
}
