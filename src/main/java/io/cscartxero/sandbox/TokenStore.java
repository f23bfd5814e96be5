package io.cscartxero.sandbox;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OAuth 2.0 state: authorization codes, grants (one per consent, "authEvent"), access and refresh tokens.
 * All methods are synchronized; the volume is tiny and this keeps rotation race-free (two concurrent refreshes of the
 * same token behave exactly like two sequential ones).
 * <p>
 * Rules (Xero's API docs: OAuth 2.0 scopes and tenants): access tokens live {@code accessTokenTtl}; a refresh returns a NEW refresh token and the
 * used one stays valid for {@code refreshTokenGrace} after its first use; unused refresh tokens expire after 60 days;
 * authorization codes are single-use and live 10 minutes (lifetime unverified); a refresh token is only issued when
 * {@code offline_access} was consented; client_credentials gives an access token only.
 * <p>
 * PKCE (RFC 7636, S256 only, as Xero): a code issued with a {@code code_challenge} is only exchanged with the
 * {@code code_verifier} whose SHA-256 matches; a public client (an "Auth Code with PKCE" app: client id, no secret)
 * may only exchange PKCE codes and refresh or revoke its own grants' tokens.
 */
final class TokenStore {

    static final Duration CODE_TTL = Duration.ofMinutes(10);
    static final Duration REFRESH_TOKEN_IDLE_TTL = Duration.ofDays(60);
    /** Scopes a custom connection gets when it asks for none (its app's configured scopes). */
    static final String CUSTOM_CONNECTION_SCOPES =
            "accounting.contacts accounting.settings accounting.transactions accounting.invoices accounting.payments";

    /** The tokens handed out by one successful token request. */
    record TokenSet(String accessToken, long expiresInSeconds, String refreshToken, String scope) {
    }

    /** An OAuth error code for {@code {"error": ...}}. */
    static final class OAuthError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String error;

        OAuthError(String error) {
            super(error, null, false, false);
            this.error = error;
        }
    }

    record Connection(String id, String tenantId, String tenantName, Instant createdAt) {
    }

    /** One consent. Its connections (tenants) can be removed by DELETE /connections/{id} or revocation. */
    static final class Grant {
        final String authEventId = XeroJson.newId();
        final String clientId;
        final String scope;
        final boolean clientCredentials;
        /** Obtained by a public client (PKCE, no secret): its tokens are refreshed and revoked without a secret. */
        final boolean publicClient;
        final Map<String, Connection> connectionsByTenant = new LinkedHashMap<>();

        Grant(String clientId, String scope, boolean clientCredentials, boolean publicClient) {
            this.clientId = clientId;
            this.scope = scope;
            this.clientCredentials = clientCredentials;
            this.publicClient = publicClient;
        }

        boolean hasScope(String wanted) {
            return Set.of(scope.split("\\s+")).contains(wanted);
        }
    }

    static final class AccessToken {
        final String value;
        final Grant grant;
        volatile Instant expiresAt;

        AccessToken(String value, Grant grant, Instant expiresAt) {
            this.value = value;
            this.grant = grant;
            this.expiresAt = expiresAt;
        }
    }

    private static final class RefreshToken {
        final Grant grant;
        final Instant issuedAt;
        Instant rotatedAt;
        boolean revoked;

        RefreshToken(Grant grant, Instant issuedAt) {
            this.grant = grant;
            this.issuedAt = issuedAt;
        }
    }

    private record AuthCode(String clientId, String redirectUri, String scope, Instant expiresAt, String codeChallenge) {
    }

    /** A tenant that every consent connects besides the default one ({@link XeroSandbox#addOrganisation}). */
    private record ExtraTenant(String tenantId, String tenantName) {
    }

    private final SecureRandom random = new SecureRandom();
    private final SandboxSettings settings;
    private final SandboxClock clock;
    private final Map<String, AuthCode> codes = new HashMap<>();
    private final Map<String, AccessToken> accessTokens = new HashMap<>();
    private final Map<String, RefreshToken> refreshTokens = new HashMap<>();
    private final Map<String, Grant> grants = new LinkedHashMap<>();
    private final List<ExtraTenant> extraTenants = new ArrayList<>();
    /** Custom connections besides the default client: client id → its one organisation. */
    private final Map<String, CustomClient> customClients = new HashMap<>();
    /** Organisations whose connection to this app was removed ({@link #revokeTenant}). */
    private final java.util.Set<String> revokedTenants = new java.util.HashSet<>();

    /** A custom connection: an app bound to exactly one organisation, with its own client id and secret. */
    private record CustomClient(String clientId, String secret, String tenantId, String tenantName) {
    }

    TokenStore(SandboxSettings settings, SandboxClock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    // ---- client authentication ----

    synchronized boolean clientValid(String clientId, String secret) {
        if (settings.clientId().equals(clientId)) return settings.clientSecret().equals(secret);
        CustomClient custom = customClients.get(clientId);
        // a revoked custom connection's credentials no longer authenticate (400 invalid_client)
        return custom != null && custom.secret().equals(secret) && !revokedTenants.contains(custom.tenantId());
    }

    synchronized boolean clientKnown(String clientId) {
        return settings.clientId().equals(clientId) || customClients.containsKey(clientId);
    }

    /** The organisation of a custom connection's client id, or null (the default client, unknown ids). */
    synchronized String tenantOfClient(String clientId) {
        if (clientId == null) return null;
        if (settings.clientId().equals(clientId)) return null;
        CustomClient custom = customClients.get(clientId);
        return custom == null ? null : custom.tenantId();
    }

    /**
     * A custom connection for one organisation (Xero: "a custom connection is for one organisation"): its own client
     * id and secret; {@code client_credentials} gives a token connected to that organisation only.
     */
    synchronized void addCustomConnection(String clientId, String secret, String tenantId, String tenantName) {
        if (settings.clientId().equals(clientId)) {
            throw new IllegalArgumentException("client id " + clientId + " is the default client's");
        }
        customClients.put(clientId, new CustomClient(clientId, secret, tenantId, tenantName));
    }

    /**
     * The organisation disconnects this app (or the custom connection is revoked): its connection is removed from
     * every consent (API calls for it answer 403 AuthenticationUnsuccessful), a consent left without connections has
     * its refresh tokens revoked (refresh: 400 invalid_grant), its custom connection's credentials are refused (400
     * invalid_client), and later consents no longer connect it. Other organisations are untouched.
     */
    synchronized void revokeTenant(String tenantId) {
        revokedTenants.add(tenantId);
        for (Grant grant : grants.values()) {
            if (grant.connectionsByTenant.remove(tenantId) != null && grant.connectionsByTenant.isEmpty()) {
                refreshTokens.values().stream().filter(r -> r.grant == grant).forEach(r -> r.revoked = true);
            }
        }
    }

    synchronized java.util.Set<String> revokedTenants() {
        return new java.util.TreeSet<>(revokedTenants);
    }

    // ---- grants ----

    /** As if the user consented in the browser: a code for one authorization_code exchange. */
    synchronized String issueCode(String clientId, String redirectUri, String scope) {
        return issueCode(clientId, redirectUri, scope, null);
    }

    /** A code bound to a PKCE S256 {@code codeChallenge} (null: no PKCE). */
    synchronized String issueCode(String clientId, String redirectUri, String scope, String codeChallenge) {
        String code = randomToken(32);
        codes.put(code, new AuthCode(clientId, redirectUri, scope == null ? "" : scope.trim(),
                clock.instant().plus(CODE_TTL), codeChallenge));
        return code;
    }

    synchronized TokenSet exchangeCode(String clientId, String code, String redirectUri) {
        return exchangeCode(clientId, code, redirectUri, null, false);
    }

    /**
     * The authorization_code grant. With PKCE the verifier must hash (S256) to the code's challenge; a verifier for a
     * code issued without a challenge is refused too (RFC 9700 §2.1.1). A public client needs a PKCE code.
     */
    synchronized TokenSet exchangeCode(String clientId, String code, String redirectUri, String codeVerifier,
            boolean publicClient) {
        AuthCode issued = code == null ? null : codes.remove(code); // single use, even when the exchange fails
        if (issued == null || !issued.clientId().equals(clientId) || !clock.instant().isBefore(issued.expiresAt())
                || !issued.redirectUri().equals(redirectUri)) {
            throw new OAuthError("invalid_grant");
        }
        if (issued.codeChallenge() == null) {
            if (publicClient) throw new OAuthError("invalid_client");
            if (codeVerifier != null) throw new OAuthError("invalid_grant");
        } else {
            if (codeVerifier == null || !Pkce.validVerifier(codeVerifier)) throw new OAuthError("invalid_grant");
            if (!Pkce.matches(codeVerifier, issued.codeChallenge())) throw new OAuthError("invalid_grant");
        }
        Grant grant = new Grant(clientId, issued.scope(), false, publicClient);
        connectDefaultTenant(grant);
        return issue(grant);
    }

    synchronized TokenSet refresh(String clientId, String token) {
        return refresh(clientId, token, false);
    }

    /** A public client (no secret) may refresh only tokens of a grant it obtained with PKCE. */
    synchronized TokenSet refresh(String clientId, String token, boolean publicClient) {
        RefreshToken current = token == null ? null : refreshTokens.get(token);
        Instant now = clock.instant();
        if (current != null && publicClient && !current.grant.publicClient) {
            throw new OAuthError("invalid_client");
        }
        if (current == null || current.revoked || !current.grant.clientId.equals(clientId)
                || !now.isBefore(current.issuedAt.plus(REFRESH_TOKEN_IDLE_TTL))) {
            throw new OAuthError("invalid_grant");
        }
        if (current.rotatedAt == null) {
            current.rotatedAt = now; // the grace period starts with the first rotation
        } else if (!now.isBefore(current.rotatedAt.plus(settings.refreshTokenGrace()))) {
            throw new OAuthError("invalid_grant");
        }
        return issue(current.grant);
    }

    /** Custom connection: an access token for the default tenant, no refresh token. */
    synchronized TokenSet clientCredentials(String clientId, String scope) {
        String granted = scope == null || scope.isBlank() ? CUSTOM_CONNECTION_SCOPES : scope.trim();
        CustomClient custom = customClients.get(clientId);
        String tenantId = custom == null ? settings.tenantId() : custom.tenantId();
        if (revokedTenants.contains(tenantId)) throw new OAuthError("invalid_client"); // the connection is gone
        Grant grant = new Grant(clientId, granted, true, false);
        connectDefaultTenant(grant);
        return issue(grant);
    }

    /**
     * Revokes a refresh token: every refresh token of its consent becomes unusable and the consent's connections are
     * removed, so access tokens of that consent get 403 from then on (Xero: "removes all their connections").
     * Unknown tokens are ignored (RFC 7009).
     */
    synchronized void revoke(String clientId, String token) {
        revoke(clientId, token, false);
    }

    /** A public client (no secret) may revoke only tokens of a grant it obtained with PKCE. */
    synchronized void revoke(String clientId, String token, boolean publicClient) {
        RefreshToken refresh = token == null ? null : refreshTokens.get(token);
        if (refresh == null || !refresh.grant.clientId.equals(clientId)) return;
        if (publicClient && !refresh.grant.publicClient) throw new OAuthError("invalid_client");
        Grant grant = refresh.grant;
        refreshTokens.values().stream().filter(r -> r.grant == grant).forEach(r -> r.revoked = true);
        grant.connectionsByTenant.clear();
    }

    // ---- access tokens ----

    synchronized AccessToken findAccessToken(String value) {
        return value == null ? null : accessTokens.get(value);
    }

    /** Snapshot of the consent's connections. */
    synchronized List<Connection> connections(Grant grant) {
        return new ArrayList<>(grant.connectionsByTenant.values());
    }

    synchronized boolean connected(Grant grant, String tenantId) {
        return grant.connectionsByTenant.containsKey(tenantId);
    }

    /** The only connected tenant (custom connections may omit xero-tenant-id), or null. */
    synchronized String soleTenant(Grant grant) {
        return grant.connectionsByTenant.size() == 1 ? grant.connectionsByTenant.keySet().iterator().next() : null;
    }

    synchronized boolean disconnect(Grant grant, String connectionId) {
        return grant.connectionsByTenant.values().removeIf(c -> c.id().equals(connectionId));
    }

    /** Fault injection: every token issued so far is expired from now on. */
    synchronized void expireAll() {
        Instant now = clock.instant();
        for (AccessToken token : accessTokens.values()) {
            if (token.expiresAt.isAfter(now)) token.expiresAt = now;
        }
    }

    synchronized void reset() {
        codes.clear();
        accessTokens.clear();
        refreshTokens.clear();
        grants.clear();
        revokedTenants.clear();
    }

    // ---- helpers ----

    /** From now on every consent (authorization code or custom connection) also connects this organisation. */
    synchronized void addTenant(String tenantId, String tenantName) {
        extraTenants.removeIf(t -> t.tenantId().equals(tenantId));
        extraTenants.add(new ExtraTenant(tenantId, tenantName));
    }

    private void connectDefaultTenant(Grant grant) {
        CustomClient custom = customClients.get(grant.clientId);
        if (custom != null) { // a custom connection's app knows its one organisation only
            if (!revokedTenants.contains(custom.tenantId())) {
                grant.connectionsByTenant.put(custom.tenantId(),
                        new Connection(XeroJson.newId(), custom.tenantId(), custom.tenantName(), clock.instant()));
            }
            grants.put(grant.authEventId, grant);
            return;
        }
        if (!revokedTenants.contains(settings.tenantId())) {
            grant.connectionsByTenant.put(settings.tenantId(),
                    new Connection(XeroJson.newId(), settings.tenantId(), settings.tenantName(), clock.instant()));
        }
        if (!grant.clientCredentials) { // a custom connection is for one organisation only
            for (ExtraTenant extra : extraTenants) {
                if (revokedTenants.contains(extra.tenantId())) continue;
                grant.connectionsByTenant.put(extra.tenantId(),
                        new Connection(XeroJson.newId(), extra.tenantId(), extra.tenantName(), clock.instant()));
            }
        }
        grants.put(grant.authEventId, grant);
    }

    private TokenSet issue(Grant grant) {
        Instant now = clock.instant();
        String access = randomToken(48);
        accessTokens.put(access, new AccessToken(access, grant, now.plus(settings.accessTokenTtl())));
        String refresh = null;
        if (!grant.clientCredentials && grant.hasScope("offline_access")) {
            refresh = randomToken(32);
            refreshTokens.put(refresh, new RefreshToken(grant, now));
        }
        return new TokenSet(access, settings.accessTokenTtl().toSeconds(), refresh, grant.scope);
    }

    private String randomToken(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
