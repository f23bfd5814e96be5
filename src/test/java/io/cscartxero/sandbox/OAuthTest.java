package io.cscartxero.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cscartxero.sandbox.SandboxHttp.Reply;
import io.cscartxero.testsupport.TestSandbox;
import tools.jackson.databind.JsonNode;

class OAuthTest {

    XeroSandbox sandbox;
    SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = TestSandbox.withXeroLimits();
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void authorizationCodeExchangeReturnsXeroTokenSet() {
        String code = sandbox.issueAuthorizationCode(SandboxHttp.REDIRECT, SandboxHttp.SCOPES);
        Reply reply = http.token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", SandboxHttp.REDIRECT));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("access_token").asString()).isNotBlank();
        assertThat(json.get("refresh_token").asString()).isNotBlank().isNotEqualTo(json.get("access_token").asString());
        assertThat(json.get("expires_in").asInt()).isEqualTo(1800);
        assertThat(json.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(json.get("scope").asString()).isEqualTo(SandboxHttp.SCOPES);
        assertThat(sandbox.stats().tokenRequests()).isEqualTo(1);
    }

    @Test
    void codeIsSingleUseAndBoundToRedirectUri() {
        String code = sandbox.issueAuthorizationCode(SandboxHttp.REDIRECT, SandboxHttp.SCOPES);
        Reply wrongRedirect = http.token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", "http://localhost:9999/other"));
        assertThat(wrongRedirect.status()).isEqualTo(400);
        assertThat(wrongRedirect.json().get("error").asString()).isEqualTo("invalid_grant");

        String code2 = sandbox.issueAuthorizationCode(SandboxHttp.REDIRECT, SandboxHttp.SCOPES);
        Map<String, String> form = Map.of("grant_type", "authorization_code", "code", code2,
                "redirect_uri", SandboxHttp.REDIRECT);
        assertThat(http.token(form).status()).isEqualTo(200);
        Reply reused = http.token(form);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.body()).isEqualTo("{\"error\":\"invalid_grant\"}");
    }

    @Test
    void codeExpiresAfterTenMinutes() {
        String code = sandbox.issueAuthorizationCode(SandboxHttp.REDIRECT, SandboxHttp.SCOPES);
        sandbox.clock().advance(Duration.ofMinutes(11));
        Reply reply = http.token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", SandboxHttp.REDIRECT));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void wrongClientSecretIsInvalidClient() {
        String code = sandbox.issueAuthorizationCode(SandboxHttp.REDIRECT, SandboxHttp.SCOPES);
        Reply reply = http.token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", SandboxHttp.REDIRECT), SandboxHttp.basic("sandbox-client", "wrong"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo("{\"error\":\"invalid_client\"}");
    }

    @Test
    void clientCredentialsMayBeSentAsFormFields() {
        Reply reply = http.token(Map.of("grant_type", "client_credentials", "client_id", "sandbox-client",
                "client_secret", "sandbox-secret"), null);
        assertThat(reply.status()).isEqualTo(200);

        Reply wrong = http.token(Map.of("grant_type", "client_credentials", "client_id", "sandbox-client",
                "client_secret", "nope"), null);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void unknownGrantTypeIsRejected() {
        Reply reply = http.token(Map.of("grant_type", "password", "username", "x"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asString()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void refreshRotatesAndPreviousTokenHasThirtyMinuteGrace() {
        JsonNode first = http.login();
        String r1 = first.get("refresh_token").asString();

        Reply refreshed = http.token(Map.of("grant_type", "refresh_token", "refresh_token", r1));
        assertThat(refreshed.status()).isEqualTo(200);
        String r2 = refreshed.json().get("refresh_token").asString();
        assertThat(r2).isNotEqualTo(r1);
        assertThat(refreshed.json().get("access_token").asString()).isNotEqualTo(first.get("access_token").asString());

        // the superseded token may be retried within the grace period (e.g. the response was lost)
        sandbox.clock().advance(Duration.ofMinutes(29));
        Reply retry = http.token(Map.of("grant_type", "refresh_token", "refresh_token", r1));
        assertThat(retry.status()).isEqualTo(200);

        sandbox.clock().advance(Duration.ofMinutes(2)); // 31 min after the rotation
        Reply late = http.token(Map.of("grant_type", "refresh_token", "refresh_token", r1));
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.body()).isEqualTo("{\"error\":\"invalid_grant\"}");

        // the new token still works
        assertThat(http.token(Map.of("grant_type", "refresh_token", "refresh_token", r2)).status()).isEqualTo(200);
    }

    @Test
    void unusedRefreshTokenExpiresAfterSixtyDays() {
        String refresh = http.login().get("refresh_token").asString();
        sandbox.clock().advance(Duration.ofDays(60).plusMinutes(1));
        Reply reply = http.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void unknownRefreshTokenIsInvalidGrant() {
        Reply reply = http.token(Map.of("grant_type", "refresh_token", "refresh_token", "made-up"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void noRefreshTokenWithoutOfflineAccess() {
        JsonNode json = http.login("accounting.contacts");
        assertThat(json.has("refresh_token")).isFalse();
    }

    @Test
    void clientCredentialsGivesAccessTokenOnlyAndNeedsNoTenantHeader() {
        Reply reply = http.token(Map.of("grant_type", "client_credentials"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().has("refresh_token")).isFalse();
        assertThat(reply.json().get("expires_in").asInt()).isEqualTo(1800);
        http.accessToken = reply.json().get("access_token").asString();

        Reply contacts = http.get("/Contacts", "xero-tenant-id", null);
        assertThat(contacts.status()).isEqualTo(200);
        assertThat(contacts.json().get("Status").asString()).isEqualTo("OK");
    }

    @Test
    void accessTokenExpiresOnTheSandboxClock() {
        http.login();
        assertThat(http.get("/Contacts").status()).isEqualTo(200);

        sandbox.clock().advance(Duration.ofMinutes(30));
        Reply expired = http.get("/Contacts");
        assertThat(expired.status()).isEqualTo(401);
        JsonNode body = expired.json();
        assertThat(body.get("Title").asString()).isEqualTo("Unauthorized");
        assertThat(body.get("Status").asInt()).isEqualTo(401);
        assertThat(body.get("Detail").asString())
                .matches("TokenExpired: token expired at \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}");
        assertThat(body.get("Type").isNull()).isTrue();
        assertThat(body.get("Extensions").isObject()).isTrue();
    }

    @Test
    void missingOrUnknownBearerIsAuthenticationUnsuccessful() {
        Reply none = http.raw("GET", sandbox.apiUrl() + "/Contacts", null,
                Map.of("xero-tenant-id", sandbox.settings().tenantId()));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("Detail").asString()).isEqualTo("AuthenticationUnsuccessful");
        assertThat(none.json().get("Title").asString()).isEqualTo("Unauthorized");
        assertThat(none.json().get("Instance").asString()).matches("[0-9a-f-]{36}");

        http.accessToken = "not-a-token";
        Reply unknown = http.get("/Contacts");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("Detail").asString()).isEqualTo("AuthenticationUnsuccessful");
    }

    @Test
    void missingOrUnknownTenantIsForbidden() {
        http.login();
        Reply missing = http.get("/Contacts", "xero-tenant-id", null);
        assertThat(missing.status()).isEqualTo(403);
        JsonNode body = missing.json();
        assertThat(body.get("Title").asString()).isEqualTo("Forbidden");
        assertThat(body.get("Status").asInt()).isEqualTo(403);
        assertThat(body.get("Detail").asString()).isEqualTo("AuthenticationUnsuccessful");

        Reply unknown = http.get("/Contacts", "xero-tenant-id", "11111111-2222-3333-4444-555555555555");
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(unknown.json().get("Detail").asString()).isEqualTo("AuthenticationUnsuccessful");
    }

    @Test
    void tokenWithoutContactsScopeIsForbidden() {
        http.login("offline_access accounting.settings");
        assertThat(http.get("/Contacts").status()).isEqualTo(403);

        http.login("accounting.contacts.read");
        assertThat(http.get("/Contacts").status()).isEqualTo(200);
        assertThat(http.put("/Contacts", SandboxHttp.contacts(SandboxHttp.contact("A", null))).status()).isEqualTo(403);
        assertThat(sandbox.contacts()).isEmpty();
    }

    @Test
    void expireAccessTokensFaultExpiresEveryIssuedToken() {
        http.login();
        sandbox.faults().expireAccessTokens();
        Reply reply = http.get("/Contacts");
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("Detail").asString()).startsWith("TokenExpired: token expired at ");
        // a fresh token works again
        http.login();
        assertThat(http.get("/Contacts").status()).isEqualTo(200);
    }

    @Test
    void connectionsListsTheTenantWithAppHeaderOnly() {
        JsonNode tokens = http.login();
        Reply reply = http.raw("GET", sandbox.baseUrl() + "/connections", null,
                Map.of("Authorization", "Bearer " + http.accessToken));
        assertThat(reply.status()).isEqualTo(200);
        JsonNode connection = reply.json().get(0);
        assertThat(reply.json().size()).isEqualTo(1);
        assertThat(connection.get("tenantId").asString()).isEqualTo(sandbox.settings().tenantId());
        assertThat(connection.get("tenantType").asString()).isEqualTo("ORGANISATION");
        assertThat(connection.get("tenantName").asString()).isEqualTo("Sandbox Company (CS-Cart demo)");
        assertThat(connection.get("id").asString()).matches("[0-9a-f-]{36}");
        assertThat(connection.get("authEventId").asString()).matches("[0-9a-f-]{36}");
        assertThat(connection.get("createdDateUtc").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{7}");
        assertThat(reply.header("X-AppMinLimit-Remaining")).isNotNull();
        assertThat(reply.header("X-MinLimit-Remaining")).isNull();
        assertThat(reply.header("X-DayLimit-Remaining")).isNull();
        assertThat(tokens.get("access_token").asString()).isEqualTo(http.accessToken);
    }

    @Test
    void deletingTheConnectionForbidsTenantCalls() {
        http.login();
        Map<String, String> auth = Map.of("Authorization", "Bearer " + http.accessToken);
        String id = http.raw("GET", sandbox.baseUrl() + "/connections", null, auth).json().get(0).get("id").asString();
        assertThat(http.raw("DELETE", sandbox.baseUrl() + "/connections/" + id, null, auth).status()).isEqualTo(204);
        assertThat(http.raw("GET", sandbox.baseUrl() + "/connections", null, auth).json().size()).isZero();
        assertThat(http.get("/Contacts").status()).isEqualTo(403);
    }

    @Test
    void revocationInvalidatesRefreshTokenAndConnection() {
        String refresh = http.login().get("refresh_token").asString();
        HttpRequest revoke = HttpRequest.newBuilder(URI.create(sandbox.identityUrl() + "/connect/revocation"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", SandboxHttp.basic("sandbox-client", "sandbox-secret"))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + SandboxHttp.enc(refresh))).build();
        assertThat(http.send(revoke).status()).isEqualTo(200);

        Reply reply = http.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(http.get("/Contacts").status()).isEqualTo(403);
    }

    @Test
    void authorizeEndpointConsentsAndRedirectsWithCodeAndState() {
        String url = sandbox.baseUrl() + "/identity/connect/authorize?response_type=code&client_id=sandbox-client"
                + "&redirect_uri=" + SandboxHttp.enc(SandboxHttp.REDIRECT) + "&scope="
                + SandboxHttp.enc(SandboxHttp.SCOPES) + "&state=xyz";
        Reply reply = http.raw("GET", url, null, Map.of());
        assertThat(reply.status()).isEqualTo(302);
        String location = reply.header("Location");
        assertThat(location).startsWith(SandboxHttp.REDIRECT + "?code=").endsWith("&state=xyz");
        String code = java.net.URLDecoder.decode(location.replaceAll(".*code=([^&]+).*", "$1"),
                java.nio.charset.StandardCharsets.UTF_8);

        Reply tokens = http.token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", SandboxHttp.REDIRECT));
        assertThat(tokens.status()).isEqualTo(200);
        assertThat(tokens.json().has("refresh_token")).isTrue();
    }

    @Test
    void tokenEndpointRequiresFormEncoding() {
        HttpRequest json = HttpRequest.newBuilder(URI.create(sandbox.identityUrl() + "/connect/token"))
                .header("Content-Type", "application/json")
                .header("Authorization", SandboxHttp.basic("sandbox-client", "sandbox-secret"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}")).build();
        Reply reply = http.send(json);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asString()).isEqualTo("invalid_request");
    }
}
