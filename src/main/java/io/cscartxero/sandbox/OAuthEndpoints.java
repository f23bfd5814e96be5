package io.cscartxero.sandbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import io.cscartxero.sandbox.TokenStore.AccessToken;
import io.cscartxero.sandbox.TokenStore.OAuthError;
import io.cscartxero.sandbox.TokenStore.TokenSet;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Xero's identity endpoints: {@code POST /connect/token}, {@code POST /connect/revocation}, the consent screen
 * {@code GET /identity/connect/authorize} (answered at once, as if the user clicked "Allow"), and
 * {@code GET/DELETE /connections}. Clients authenticate with HTTP Basic or form fields; a public client (PKCE app)
 * sends only {@code client_id}.
 */
final class OAuthEndpoints {

    private final TokenStore tokens;
    private final RateLimits limits;
    private final SandboxClock clock;

    OAuthEndpoints(TokenStore tokens, RateLimits limits, SandboxClock clock) {
        this.tokens = tokens;
        this.limits = limits;
        this.clock = clock;
    }

    SandboxResponse token(SandboxRequest request) {
        if (!request.method().equals("POST")) return XeroErrors.oauth("invalid_request");
        if (!isForm(request)) return XeroErrors.oauth("invalid_request");
        Map<String, String> form = SandboxRequest.parseForm(request.bodyText());
        String[] client = clientCredentials(request, form);
        if (!authenticated(client)) return XeroErrors.oauth("invalid_client");
        boolean publicClient = client[1] == null;
        String grantType = form.get("grant_type");
        try {
            TokenSet set = switch (grantType == null ? "" : grantType) {
                case "authorization_code" -> tokens.exchangeCode(client[0], form.get("code"), form.get("redirect_uri"),
                        form.get("code_verifier"), publicClient);
                case "refresh_token" -> tokens.refresh(client[0], form.get("refresh_token"), publicClient);
                case "client_credentials" -> {
                    if (publicClient) throw new OAuthError("invalid_client");
                    yield tokens.clientCredentials(client[0], form.get("scope"));
                }
                case "" -> throw new OAuthError("invalid_request");
                default -> throw new OAuthError("unsupported_grant_type");
            };
            ObjectNode body = XeroJson.object();
            body.put("access_token", set.accessToken());
            body.put("expires_in", set.expiresInSeconds());
            body.put("token_type", "Bearer");
            if (set.refreshToken() != null) body.put("refresh_token", set.refreshToken());
            body.put("scope", set.scope());
            return SandboxResponse.json(200, body).withHeader("Cache-Control", "no-store");
        } catch (OAuthError e) {
            return XeroErrors.oauth(e.error);
        }
    }

    /** RFC 7009: 200 whether or not the token was known; wrong client credentials are rejected. */
    SandboxResponse revocation(SandboxRequest request) {
        if (!request.method().equals("POST") || !isForm(request)) return XeroErrors.oauth("invalid_request");
        Map<String, String> form = SandboxRequest.parseForm(request.bodyText());
        String[] client = clientCredentials(request, form);
        if (!authenticated(client)) return XeroErrors.oauth("invalid_client");
        if (form.get("token") == null) return XeroErrors.oauth("invalid_request");
        try {
            tokens.revoke(client[0], form.get("token"), client[1] == null);
        } catch (OAuthError e) {
            return XeroErrors.oauth(e.error);
        }
        return SandboxResponse.empty(200);
    }

    /** A confidential client with the right secret, or a known public client (no secret sent). */
    private boolean authenticated(String[] client) {
        if (client == null) return false;
        return client[1] == null ? tokens.clientKnown(client[0]) : tokens.clientValid(client[0], client[1]);
    }

    /**
     * The consent screen, auto-approved: redirects to {@code redirect_uri?code=...&scope=...&state=...}. With PKCE
     * ({@code code_challenge}, {@code code_challenge_method=S256}) the code can only be exchanged with the verifier.
     */
    SandboxResponse authorize(SandboxRequest request) {
        String clientId = request.param("client_id");
        String redirectUri = request.param("redirect_uri");
        if (!"code".equals(request.param("response_type"))) return SandboxResponse.text(400, "unsupported_response_type");
        if (clientId == null || !tokens.clientKnown(clientId)) return SandboxResponse.text(400, "unauthorized_client");
        if (redirectUri == null || redirectUri.isBlank()) return SandboxResponse.text(400, "invalid_request: redirect_uri");
        String challenge = request.param("code_challenge");
        String method = request.param("code_challenge_method");
        if (challenge != null || method != null) {
            if (!"S256".equals(method)) return SandboxResponse.text(400, "invalid_request: code_challenge_method must be S256");
            if (!Pkce.validChallenge(challenge)) return SandboxResponse.text(400, "invalid_request: code_challenge");
        }
        String scope = request.param("scope") == null ? "" : request.param("scope");
        String code = tokens.issueCode(clientId, redirectUri, scope, challenge);
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?')
                .append("code=").append(encode(code)).append("&scope=").append(encode(scope));
        if (request.param("state") != null) location.append("&state=").append(encode(request.param("state")));
        return SandboxResponse.empty(302).withHeader("Location", location.toString());
    }

    /** {@code GET /connections[?authEventId=]} and {@code DELETE /connections/{id}}. */
    SandboxResponse connections(SandboxRequest request, String subPath) {
        AccessToken token;
        try {
            token = authenticate(request, tokens, clock);
        } catch (XeroApiException e) {
            return e.response();
        }
        String appRemaining = Integer.toString(limits.appCall(token.grant.clientId));
        if (request.method().equals("DELETE") && subPath.length() > 1) {
            boolean removed = tokens.disconnect(token.grant, subPath.substring(1));
            SandboxResponse response = removed ? SandboxResponse.empty(204) : XeroErrors.notFound();
            return response.withHeader("X-AppMinLimit-Remaining", appRemaining);
        }
        if (!request.method().equals("GET") || subPath.length() > 1) {
            return XeroErrors.notFound().withHeader("X-AppMinLimit-Remaining", appRemaining);
        }
        String authEventId = request.param("authEventId");
        ArrayNode array = XeroJson.array();
        if (authEventId == null || authEventId.equalsIgnoreCase(token.grant.authEventId)) {
            for (TokenStore.Connection c : tokens.connections(token.grant)) {
                ObjectNode n = array.addObject();
                n.put("id", c.id());
                n.put("authEventId", token.grant.authEventId);
                n.put("tenantId", c.tenantId());
                n.put("tenantType", "ORGANISATION");
                n.put("tenantName", c.tenantName());
                n.put("createdDateUtc", XeroJson.connectionDate(c.createdAt()));
                n.put("updatedDateUtc", XeroJson.connectionDate(c.createdAt()));
            }
        }
        // tenant-less calls carry only the app-wide header (XeroAPI/xero-ruby#128)
        return SandboxResponse.json(200, array).withHeader("X-AppMinLimit-Remaining", appRemaining);
    }

    /** The bearer token of a request, or a 401 as Xero sends it (AuthenticationUnsuccessful / TokenExpired). */
    static AccessToken authenticate(SandboxRequest request, TokenStore tokens, SandboxClock clock) {
        String header = request.header("Authorization");
        String value = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) value = header.substring(7).trim();
        AccessToken token = tokens.findAccessToken(value);
        if (token == null) throw new XeroApiException(XeroErrors.unauthorized());
        Instant expiresAt = token.expiresAt;
        if (!clock.instant().isBefore(expiresAt)) throw new XeroApiException(XeroErrors.tokenExpired(expiresAt));
        return token;
    }

    /** Client id and secret from HTTP Basic, else from the form; null when neither is present. */
    static String[] clientCredentials(SandboxRequest request, Map<String, String> form) {
        String header = request.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon < 0) return null;
                return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
            } catch (IllegalArgumentException badBase64) {
                return null;
            }
        }
        if (form.get("client_id") == null) return null;
        return new String[] {form.get("client_id"), form.get("client_secret")}; // no secret: a public client
    }

    private static boolean isForm(SandboxRequest request) {
        String type = request.header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
