package io.cscartxero.sandbox;

import static io.cscartxero.sandbox.SandboxHttp.contact;
import static io.cscartxero.sandbox.SandboxHttp.contacts;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cscartxero.sandbox.SandboxHttp.Reply;
import io.cscartxero.testsupport.TestSandbox;
import tools.jackson.databind.JsonNode;

class StatsAndControlTest {

    XeroSandbox sandbox;
    SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = TestSandbox.withXeroLimits();
        http = new SandboxHttp(sandbox);
        http.login();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void countsCallsByMethodAndPathSuffix() {
        http.put("/Contacts", contacts(contact("A", null)));
        http.post("/Contacts?summarizeErrors=false", contacts(contact("B", null)));
        http.get("/Contacts?page=1");
        String id = sandbox.contacts().get(0).contactId();
        http.get("/Contacts/" + id);

        SandboxStats stats = sandbox.stats();
        assertThat(stats.calls("PUT", "/Contacts")).isEqualTo(1);
        assertThat(stats.calls("post", "/Contacts")).isEqualTo(1);
        assertThat(stats.calls("GET", "/Contacts")).isEqualTo(1);
        assertThat(stats.calls("GET", "/" + id)).isEqualTo(1);
        assertThat(stats.writeCalls()).isEqualTo(2);
        assertThat(stats.tokenRequests()).isEqualTo(1);
        assertThat(stats.totalCalls()).isEqualTo(5);
        assertThat(stats.asMap()).containsEntry("totalCalls", 5L).containsEntry("writeCalls", 2L)
                .containsEntry("PUT /api.xro/2.0/Contacts", 1L).containsEntry("tokenRequests", 1L);
    }

    @Test
    void recordsRequestsWithLowerCaseHeaders() {
        http.put("/Contacts?summarizeErrors=false", contacts(contact("Rec", null)), "Idempotency-Key", "rec-1");
        RecordedRequest last = sandbox.stats().requests().get(sandbox.stats().requests().size() - 1);
        assertThat(last.method()).isEqualTo("PUT");
        assertThat(last.path()).isEqualTo("/api.xro/2.0/Contacts");
        assertThat(last.query()).isEqualTo("summarizeErrors=false");
        assertThat(last.headers()).containsEntry("idempotency-key", "rec-1")
                .containsEntry("xero-tenant-id", sandbox.settings().tenantId());
        assertThat(last.header("Idempotency-Key")).isEqualTo("rec-1");
        assertThat(last.body()).contains("\"Name\":\"Rec\"");
        assertThat(last.status()).isEqualTo(200);
    }

    @Test
    void statsEndpointIsNotCounted() {
        http.get("/Contacts");
        Reply stats = http.raw("GET", sandbox.baseUrl() + "/sandbox/stats", null, Map.of());
        assertThat(stats.status()).isEqualTo(200);
        JsonNode json = stats.json();
        assertThat(json.get("totalCalls").asLong()).isEqualTo(2);
        assertThat(json.get("GET /api.xro/2.0/Contacts").asLong()).isEqualTo(1);
        assertThat(sandbox.stats().totalCalls()).isEqualTo(2);
    }

    @Test
    void resetClearsDataTokensStatsAndFaults() {
        http.put("/Contacts", contacts(contact("Gone", null)));
        sandbox.faults().failNext(3, 500);
        Reply reset = http.raw("POST", sandbox.baseUrl() + "/sandbox/reset", "", Map.of());
        assertThat(reset.status()).isEqualTo(200);

        assertThat(sandbox.contacts()).isEmpty();
        assertThat(sandbox.stats().totalCalls()).isZero();
        assertThat(http.get("/Contacts").status()).isEqualTo(401); // tokens are gone
        http.login();
        Reply fresh = http.get("/Contacts");
        assertThat(fresh.status()).isEqualTo(200); // faults are gone
        assertThat(fresh.header("X-MinLimit-Remaining")).isEqualTo("59"); // windows are gone
        assertThat(fresh.contacts()).isEmpty();
    }

    @Test
    void authorizationCodeEndpointIssuesUsableCodes() {
        Reply reply = http.raw("POST", sandbox.baseUrl() + "/sandbox/authorization-code?redirect_uri="
                + SandboxHttp.enc("http://localhost:1234/cb"), "", Map.of());
        assertThat(reply.status()).isEqualTo(200);
        String code = reply.json().get("code").asString();
        Reply tokens = http.token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", "http://localhost:1234/cb"));
        assertThat(tokens.status()).isEqualTo(200);
        assertThat(tokens.json().get("scope").asString()).contains("accounting.contacts").contains("offline_access");
    }

    @Test
    void unknownPathIsPlain404() {
        Reply reply = http.raw("GET", sandbox.baseUrl() + "/nothing/here", null, Map.of());
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).isEqualTo("The resource you're looking for cannot be found");
    }

    @Test
    void baseUrls() {
        assertThat(sandbox.baseUrl()).matches("http://localhost:\\d+");
        assertThat(sandbox.apiUrl()).isEqualTo(sandbox.baseUrl() + "/api.xro/2.0");
        assertThat(sandbox.identityUrl()).isEqualTo(sandbox.baseUrl());
        assertThat(sandbox.settings().tenantId()).isEqualTo(SandboxSettings.DEFAULT_TENANT_ID);
    }
}
