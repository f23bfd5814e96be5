package io.cscartxero.xero.auth;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.cscartxero.xero.XeroApiException;
import io.cscartxero.xero.XeroProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The calls of {@code connect} and {@code disconnect} to Xero's identity service: the consent URL (with PKCE and
 * state), the authorization-code exchange, {@code GET /connections} and token revocation. The client authenticates
 * with HTTP Basic when a client secret is configured, else (a PKCE app) by {@code client_id} alone. Error messages
 * carry only the OAuth error code: a response body of the token endpoint never reaches a log or the console.
 */
public class XeroIdentity {

    static final String XERO_IDENTITY_URL = "https://identity.xero.com";
    static final String XERO_AUTHORIZE_URL = "https://login.xero.com/identity/connect/authorize";

    private final XeroProperties xero;
    private final ConnectProperties connect;
    private final RestClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    public XeroIdentity(XeroProperties xero, ConnectProperties connect, RestClient http) {
        this.xero = xero;
        this.connect = connect;
        this.http = http;
    }

    /** A token set from the code exchange; {@link #toString()} never shows the tokens. */
    public record Tokens(String accessToken, String refreshToken, long expiresInSeconds, String scope) {
        @Override
        public String toString() {
            return "Tokens[accessToken=***, refreshToken=" + (refreshToken == null ? "none" : "***") + ", expiresIn="
                    + expiresInSeconds + ", scope=" + scope + "]";
        }
    }

    /** One entry of GET /connections. */
    public record Organisation(String connectionId, String tenantId, String tenantName, String tenantType) {
    }

    public String authorizeEndpoint() {
        if (connect.authorizeUrl() != null && !connect.authorizeUrl().isBlank()) {
            return connect.authorizeUrl();
        }
        return stripSlash(xero.identityUrl()).equals(XERO_IDENTITY_URL) ? XERO_AUTHORIZE_URL
                : stripSlash(xero.identityUrl()) + "/identity/connect/authorize";
    }

    /** {@code https://api.xero.com/connections}: next to the Accounting API's {@code /api.xro/2.0}. */
    public String connectionsUrl() {
        URI api = URI.create(xero.apiUrl());
        return api.getScheme() + "://" + api.getRawAuthority() + "/connections";
    }

    public String revocationUrl() {
        return stripSlash(xero.identityUrl()) + "/connect/revocation";
    }

    /** The consent URL the user opens: code flow with PKCE S256 and a state. */
    public String authorizationUrl(String redirectUri, String state, String codeChallenge) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", xero.clientId());
        query.put("redirect_uri", redirectUri);
        query.put("scope", connect.scopes().trim().replaceAll("\\s+", " "));
        query.put("state", state);
        query.put("code_challenge", codeChallenge);
        query.put("code_challenge_method", "S256");
        String endpoint = authorizeEndpoint();
        // %20 rather than '+' between scopes: unambiguous in a URL query (a literal '+' is encoded as %2B)
        return endpoint + (endpoint.contains("?") ? "&" : "?") + form(query).replace("+", "%20");
    }

    public Tokens exchange(String code, String redirectUri, String codeVerifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", codeVerifier);
        Reply reply = postForm(xero.tokenUrl(), form);
        if (reply.status() != 200) {
            throw new XeroApiException.Auth("Xero refused the authorization code: " + oauthError(reply));
        }
        JsonNode body = parse(reply.body());
        String access = body.path("access_token").asString(null);
        if (access == null || access.isBlank()) {
            throw new XeroApiException.Auth("Xero's token response has no access token");
        }
        String refresh = body.path("refresh_token").asString(null);
        return new Tokens(access, refresh == null || refresh.isBlank() ? null : refresh,
                body.path("expires_in").asLong(1800), body.path("scope").asString(""));
    }

    /** The organisations this consent connected (ORGANISATION tenants: the only ones with an Accounting API). */
    public List<Organisation> connections(String accessToken) {
        Reply reply;
        try {
            reply = http.get().uri(URI.create(connectionsUrl()))
                    .header("Authorization", "Bearer " + accessToken)
                    .accept(MediaType.APPLICATION_JSON)
                    .exchange((req, res) -> new Reply(res.getStatusCode().value(),
                            new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (ResourceAccessException e) {
            throw new XeroApiException.Transient("Xero's connections endpoint is unreachable: " + e.getMostSpecificCause().getClass().getSimpleName(), null);
        }
        if (reply.status() != 200) {
            throw new XeroApiException.Auth("GET /connections answered HTTP " + reply.status());
        }
        List<Organisation> organisations = new ArrayList<>();
        for (JsonNode c : parse(reply.body())) {
            String type = c.path("tenantType").asString("ORGANISATION");
            if ("ORGANISATION".equals(type.toUpperCase(Locale.ROOT))) {
                organisations.add(new Organisation(c.path("id").asString(null), c.path("tenantId").asString(),
                        c.path("tenantName").asString(""), type));
            }
        }
        return organisations;
    }

    /** {@code DELETE /connections/{id}}: removes the organisation's connection; false when Xero did not answer 204. */
    public boolean deleteConnection(String accessToken, String connectionId) {
        try {
            int status = http.delete().uri(URI.create(connectionsUrl() + "/" + URLEncoder.encode(connectionId, StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + accessToken)
                    .exchange((req, res) -> res.getStatusCode().value());
            return status == 204;
        } catch (ResourceAccessException e) {
            return false;
        }
    }

    /** RFC 7009 revocation of a refresh token; Xero also removes the consent's connections. */
    public void revoke(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", refreshToken);
        form.put("token_type_hint", "refresh_token");
        Reply reply = postForm(revocationUrl(), form);
        if (reply.status() != 200) {
            throw new XeroApiException.Auth("Xero refused to revoke the refresh token: " + oauthError(reply));
        }
    }

    private Reply postForm(String url, Map<String, String> form) {
        boolean hasSecret = xero.clientSecret() != null && !xero.clientSecret().isBlank();
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (!hasSecret) {
            fields.put("client_id", xero.clientId());
        }
        String basic = hasSecret ? Base64.getEncoder().encodeToString(
                (xero.clientId() + ":" + xero.clientSecret()).getBytes(StandardCharsets.UTF_8)) : null;
        byte[] body = form(fields).getBytes(StandardCharsets.UTF_8);
        try {
            // a streamed body: RestClient logs a String or Map body at DEBUG ("Writing [grant_type=...]"), never this
            return http.post().uri(URI.create(url))
                    .headers(h -> {
                        if (basic != null) {
                            h.set("Authorization", "Basic " + basic);
                        }
                    })
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .contentLength(body.length)
                    .body(out -> out.write(body))
                    .exchange((req, res) -> new Reply(res.getStatusCode().value(),
                            new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (ResourceAccessException e) {
            throw new XeroApiException.Transient("Xero's identity service is unreachable (" + url + "): "
                    + e.getMostSpecificCause().getClass().getSimpleName(), null);
        }
    }

    private String oauthError(Reply reply) {
        if (reply.status() >= 500) {
            return "HTTP " + reply.status();
        }
        return parse(reply.body()).path("error").asString("HTTP " + reply.status());
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (RuntimeException e) {
            return json.createObjectNode();
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private record Reply(int status, String body) {
        @Override
        public String toString() {
            return "Reply[status=" + status + ", body=***]";
        }
    }
}
