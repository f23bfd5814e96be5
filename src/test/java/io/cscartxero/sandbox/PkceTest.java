package io.cscartxero.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cscartxero.sandbox.SandboxHttp.Reply;
import io.cscartxero.testsupport.TestSandbox;
import tools.jackson.databind.JsonNode;

/** The sandbox's PKCE (RFC 7636, S256), public clients (PKCE apps without a secret) and several organisations. */
class PkceTest {

    /** RFC 7636 appendix B. */
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

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

    /** GET the consent screen as a browser would; the code from the redirect. */
    private String consent(String... extraParams) {
        StringBuilder url = new StringBuilder(sandbox.baseUrl() + "/identity/connect/authorize?response_type=code"
                + "&client_id=sandbox-client&redirect_uri=" + SandboxHttp.enc(SandboxHttp.REDIRECT)
                + "&scope=" + SandboxHttp.enc(SandboxHttp.SCOPES) + "&state=s1");
        for (int i = 0; i < extraParams.length; i += 2) {
            url.append('&').append(extraParams[i]).append('=').append(SandboxHttp.enc(extraParams[i + 1]));
        }
        Reply reply = http.raw("GET", url.toString(), null, Map.of());
        assertThat(reply.status()).as(reply.body()).isEqualTo(302);
        return URLDecoder.decode(reply.header("Location").replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
    }

    private Map<String, String> exchange(String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", SandboxHttp.REDIRECT);
        if (verifier != null) form.put("code_verifier", verifier);
        return form;
    }

    @Test
    void s256Helper() {
        assertThat(Pkce.s256(VERIFIER)).isEqualTo(CHALLENGE);
        assertThat(Pkce.matches(VERIFIER, CHALLENGE)).isTrue();
        assertThat(Pkce.validVerifier("short")).isFalse();
        assertThat(Pkce.validVerifier("x".repeat(129))).isFalse();
    }

    @Test
    void theRightVerifierExchangesTheCode() {
        String code = consent("code_challenge", CHALLENGE, "code_challenge_method", "S256");
        Reply reply = http.token(exchange(code, VERIFIER));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("refresh_token").asString()).isNotBlank();
    }

    @Test
    void aWrongOrMissingVerifierIsInvalidGrantAndSpendsTheCode() {
        String code = consent("code_challenge", CHALLENGE, "code_challenge_method", "S256");
        Reply wrong = http.token(exchange(code, VERIFIER.substring(1) + "A"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).isEqualTo("{\"error\":\"invalid_grant\"}");
        // single use: the right verifier is too late now
        assertThat(http.token(exchange(code, VERIFIER)).status()).isEqualTo(400);

        String other = consent("code_challenge", CHALLENGE, "code_challenge_method", "S256");
        Reply missing = http.token(exchange(other, null));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void aVerifierForACodeIssuedWithoutChallengeIsRefused() {
        String code = consent();
        Reply reply = http.token(exchange(code, VERIFIER));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void onlyS256IsAccepted() {
        String url = sandbox.baseUrl() + "/identity/connect/authorize?response_type=code&client_id=sandbox-client"
                + "&redirect_uri=" + SandboxHttp.enc(SandboxHttp.REDIRECT) + "&scope=offline_access&state=s"
                + "&code_challenge=" + VERIFIER + "&code_challenge_method=plain";
        assertThat(http.raw("GET", url, null, Map.of()).status()).isEqualTo(400);
        String malformed = sandbox.baseUrl() + "/identity/connect/authorize?response_type=code&client_id=sandbox-client"
                + "&redirect_uri=" + SandboxHttp.enc(SandboxHttp.REDIRECT) + "&scope=offline_access&state=s"
                + "&code_challenge=tooShort&code_challenge_method=S256";
        assertThat(http.raw("GET", malformed, null, Map.of()).status()).isEqualTo(400);
    }

    @Test
    void aPublicClientUsesPkceAndRefreshesAndRevokesWithoutASecret() {
        String code = consent("code_challenge", CHALLENGE, "code_challenge_method", "S256");
        Map<String, String> form = exchange(code, VERIFIER);
        form.put("client_id", "sandbox-client");
        Reply tokens = http.token(form, null);
        assertThat(tokens.status()).isEqualTo(200);
        String refresh = tokens.json().get("refresh_token").asString();

        Reply refreshed = http.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh, "client_id", "sandbox-client"), null);
        assertThat(refreshed.status()).isEqualTo(200);
        String rotated = refreshed.json().get("refresh_token").asString();

        HttpRequest revoke = HttpRequest.newBuilder(URI.create(sandbox.identityUrl() + "/connect/revocation"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + SandboxHttp.enc(rotated) + "&client_id=sandbox-client")).build();
        assertThat(http.send(revoke).status()).isEqualTo(200);
        Reply afterRevoke = http.token(Map.of("grant_type", "refresh_token", "refresh_token", rotated, "client_id", "sandbox-client"), null);
        assertThat(afterRevoke.json().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void aPublicClientCannotSkipPkceNorUseAConfidentialGrant() {
        String code = consent();
        Map<String, String> form = exchange(code, null);
        form.put("client_id", "sandbox-client");
        Reply noPkce = http.token(form, null);
        assertThat(noPkce.status()).isEqualTo(400);
        assertThat(noPkce.json().get("error").asString()).isEqualTo("invalid_client");

        String confidentialRefresh = http.login().get("refresh_token").asString();
        Reply refresh = http.token(Map.of("grant_type", "refresh_token", "refresh_token", confidentialRefresh,
                "client_id", "sandbox-client"), null);
        assertThat(refresh.json().get("error").asString()).isEqualTo("invalid_client");
        Reply clientCredentials = http.token(Map.of("grant_type", "client_credentials", "client_id", "sandbox-client"), null);
        assertThat(clientCredentials.json().get("error").asString()).isEqualTo("invalid_client");
        // the confidential grant is untouched
        assertThat(http.token(Map.of("grant_type", "refresh_token", "refresh_token", confidentialRefresh)).status()).isEqualTo(200);
    }

    @Test
    void aConsentConnectsEveryOrganisationAddedAndEachAnswersWithItsTenantId() {
        sandbox.addOrganisation("0b8c1f3e-5a44-4c2e-9d1a-7e6f2a9b3c4d", "Second Company Ltd");
        http.login();
        Reply connections = http.raw("GET", sandbox.baseUrl() + "/connections", null, Map.of("Authorization", "Bearer " + http.accessToken));
        JsonNode list = connections.json();
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.get(1).get("tenantName").asString()).isEqualTo("Second Company Ltd");
        assertThat(http.get("/Contacts", "xero-tenant-id", "0b8c1f3e-5a44-4c2e-9d1a-7e6f2a9b3c4d").status()).isEqualTo(200);
        assertThat(http.get("/Contacts").status()).isEqualTo(200);

        // a custom connection stays with one organisation
        http.accessToken = http.token(Map.of("grant_type", "client_credentials")).json().get("access_token").asString();
        Reply custom = http.raw("GET", sandbox.baseUrl() + "/connections", null, Map.of("Authorization", "Bearer " + http.accessToken));
        assertThat(custom.json().size()).isEqualTo(1);
    }
}
