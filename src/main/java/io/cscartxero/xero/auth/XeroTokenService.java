package io.cscartxero.xero.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import io.cscartxero.xero.XeroApiException;
import io.cscartxero.xero.XeroProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands out a valid access token, fetching or refreshing it when it is missing or about to expire.
 *
 * <p>{@code client_credentials} (custom connection): a new access token from the client id and secret.
 * {@code refresh_token} (standard app): Xero rotates the refresh token on every refresh, so the new one is
 * persisted before the new access token is used; refreshes are single-flight (Xero answers {@code invalid_grant}
 * to concurrent refreshers).
 */
public class XeroTokenService {

    private static final Logger log = LoggerFactory.getLogger(XeroTokenService.class);
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

    private final XeroProperties properties;
    private final TokenStore store;
    private final RestClient http;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private String accessToken;
    private Instant accessExpiresAt = Instant.EPOCH;
    private boolean storeLoaded;

    public XeroTokenService(XeroProperties properties, TokenStore store, RestClient http, Clock clock) {
        this.properties = properties;
        this.store = store;
        this.http = http;
        this.clock = clock;
    }

    public synchronized String accessToken() {
        if (!storeLoaded && store != null && isRefreshGrant()) {
            storeLoaded = true;     // a process restart reuses the stored access token while it is valid
            store.load().ifPresent(t -> {
                accessToken = t.accessToken();
                accessExpiresAt = t.accessExpiresAt();
            });
        }
        if (accessToken == null || clock.instant().plus(EXPIRY_MARGIN).isAfter(accessExpiresAt)) {
            obtain();
        }
        return accessToken;
    }

    /** What a health check may say about the connection, from what is held or stored — never by calling Xero. */
    public record State(String grant, boolean usable, String description) {
    }

    public synchronized State state() {
        if (!isRefreshGrant()) {
            boolean configured = properties.clientId() != null && properties.clientSecret() != null;
            return new State(properties.grant(), configured, configured ? "custom connection configured" : "xero.client-id/secret missing");
        }
        if (store == null) {
            return new State(properties.grant(), false, "no token store");
        }
        java.util.Optional<TokenStore.TokenSet> stored;
        try {
            stored = store.load();
        } catch (RuntimeException e) {   // the key is missing or another one: the message says which, never a value
            return new State(properties.grant(), false, e.getMessage());
        }
        if (stored.isEmpty() && (properties.refreshToken() == null || properties.refreshToken().isBlank())) {
            return new State(properties.grant(), false, "not connected");
        }
        return new State(properties.grant(), true, stored.map(t -> "access token valid until " + t.accessExpiresAt())
                .orElse("first refresh token configured"));
    }

    /** Called after a 401: forget this token so the next call obtains a fresh one. */
    public synchronized void invalidate(String rejected) {
        if (rejected != null && rejected.equals(accessToken)) {
            accessExpiresAt = Instant.EPOCH;
        }
    }

    private boolean isRefreshGrant() {
        return XeroProperties.GRANT_REFRESH_TOKEN.equals(properties.grant());
    }

    private void obtain() {
        if (isRefreshGrant()) {
            refresh();
        } else {
            JsonNode body = post(Map.of("grant_type", "client_credentials"));
            accessToken = body.path("access_token").asString();
            accessExpiresAt = clock.instant().plusSeconds(body.path("expires_in").asLong(1800));
            log.info("Obtained a Xero access token (client_credentials), valid until {}", accessExpiresAt);
        }
    }

    private void refresh() {
        if (store == null) {
            throw new XeroApiException.Auth("xero.grant=refresh_token needs a token store to keep the rotating refresh token");
        }
        String refreshToken = store.load().map(TokenStore.TokenSet::refreshToken).orElse(properties.refreshToken());
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new XeroApiException.Auth("No Xero refresh token: connect the organisation first (or set xero.refresh-token once)");
        }
        JsonNode body = post(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
        String newAccess = body.path("access_token").asString();
        String rotated = body.path("refresh_token").asString(refreshToken);
        Instant expires = clock.instant().plusSeconds(body.path("expires_in").asLong(1800));
        // persist the rotated refresh token first: if we crash after this line nothing is lost
        store.save(new TokenStore.TokenSet(rotated, newAccess, expires, properties.tenantId()));
        accessToken = newAccess;
        accessExpiresAt = expires;
        log.info("Refreshed the Xero access token; rotated refresh token stored (encrypted); valid until {}", expires);
    }

    private JsonNode post(Map<String, String> form) {
        boolean hasSecret = properties.clientSecret() != null && !properties.clientSecret().isBlank();
        if (!hasSecret) { // an "Auth Code with PKCE" app has no secret: it identifies itself by client_id only
            form = new java.util.LinkedHashMap<>(form);
            form.put("client_id", String.valueOf(properties.clientId()));
        }
        String encoded = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String basic = Base64.getEncoder().encodeToString(
                (properties.clientId() + ":" + properties.clientSecret()).getBytes(StandardCharsets.UTF_8));
        byte[] bytes = encoded.getBytes(StandardCharsets.UTF_8);
        TokenResponse response;
        try {
            // a streamed body: RestClient logs a String or Map body at DEBUG ("Writing [grant_type=...]"), never this
            response = http.post().uri(properties.tokenUrl())
                    .headers(h -> { if (hasSecret) h.set("Authorization", "Basic " + basic); })
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .contentLength(bytes.length)
                    .body(out -> out.write(bytes))
                    .exchange((req, res) -> new TokenResponse(res.getStatusCode().value(),
                            new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (ResourceAccessException e) {
            throw new XeroApiException.Transient("Xero token endpoint unreachable: " + e.getCause(), null);
        }
        if (response.statusCode() >= 500) {
            throw new XeroApiException.Transient("Xero token endpoint answered HTTP " + response.statusCode(), null);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() != 200) {
            // only the OAuth error code is reported: the body of a token call must never reach a log
            String error = body.path("error").asString("HTTP " + response.statusCode());
            throw new XeroApiException.Auth("Xero refused the " + form.get("grant_type") + " grant: " + error
                    + (error.equals("invalid_grant") ? " (the refresh token expired or was superseded: reconnect to Xero)" : ""));
        }
        return body;
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (RuntimeException e) {
            return json.createObjectNode();
        }
    }

    private record TokenResponse(int statusCode, String body) {
        @Override
        public String toString() {
            return "TokenResponse[status=" + statusCode + ", body=***]";
        }
    }
}
