package io.cscartxero.sandbox;

import static io.cscartxero.sandbox.SandboxHttp.basic;
import static io.cscartxero.sandbox.SandboxHttp.contact;
import static io.cscartxero.sandbox.SandboxHttp.contacts;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cscartxero.sandbox.SandboxHttp.Reply;
import io.cscartxero.testsupport.TestSandbox;
import tools.jackson.databind.JsonNode;

/**
 * Several organisations in one sandbox, each with its own custom connection: a fault of one organisation (429 on every
 * call, a revoked connection) never reaches another, and the per-organisation stats count each one's calls apart.
 */
class OrganisationFaultsTest {

    static final String A = "a0000000-0000-4000-8000-00000000000a";
    static final String B = "b0000000-0000-4000-8000-00000000000b";
    static final String C = "c0000000-0000-4000-8000-00000000000c";

    @AutoClose
    final XeroSandbox sandbox = TestSandbox.generous();
    final SandboxHttp http = new SandboxHttp(sandbox);

    @BeforeEach
    void organisations() {
        sandbox.addCustomConnection("client-a", "secret-a", A, "Org A");
        sandbox.addCustomConnection("client-b", "secret-b", B, "Org B");
        sandbox.addCustomConnection("client-c", "secret-c", C, "Org C");
    }

    Reply customToken(String org) {
        return http.token(Map.of("grant_type", "client_credentials"), basic("client-" + org, "secret-" + org));
    }

    String accessToken(String org) {
        Reply reply = customToken(org);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("access_token").asString();
    }

    /** An API call with an organisation's own token, and (unless null) its tenant id. */
    Reply call(String method, String path, String body, String token, String tenantId) {
        http.accessToken = token;
        return http.api(method, path, body, "xero-tenant-id", tenantId);
    }

    @Test
    void aCustomConnectionReachesItsOwnOrganisationOnly() {
        String tokenA = accessToken("a");
        assertThat(call("PUT", "/Contacts", contacts(contact("Only in A", "A-1")), tokenA, A).status()).isEqualTo(200);
        assertThat(call("GET", "/Contacts", null, tokenA, B).status()).isEqualTo(403);
        assertThat(call("GET", "/Contacts", null, tokenA, null).status()).isEqualTo(200); // its sole organisation

        assertThat(sandbox.contacts(A)).extracting(SandboxContact::name).containsExactly("Only in A");
        assertThat(sandbox.contacts(B)).isEmpty();
        assertThat(sandbox.contacts()).isEmpty(); // the default organisation
        assertThat(customToken("x").json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(http.token(Map.of("grant_type", "client_credentials"), basic("client-a", "secret-b")).json()
                .get("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void oneRateLimitedOrganisationGets429OnEveryCallWhileTheOthersAreServed() {
        String tokenA = accessToken("a");
        String tokenB = accessToken("b");
        sandbox.faults().rateLimitTenant(A, true);

        for (int i = 0; i < 5; i++) {
            Reply limited = call("GET", "/Contacts", null, tokenA, A);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isEqualTo("1");
            assertThat(limited.header("X-Rate-Limit-Problem")).isEqualTo("minute");
            assertThat(limited.header("X-MinLimit-Remaining")).isEqualTo("0");
            assertThat(limited.header("X-DayLimit-Remaining")).isNotNull();
            Reply served = call("PUT", "/Contacts", contacts(contact("B " + i, null)), tokenB, B);
            assertThat(served.status()).isEqualTo(200);
            // B's allowance is its own: five calls used, A's 429s cost it nothing
            assertThat(served.header("X-MinLimit-Remaining")).isEqualTo(Integer.toString(10_000 - 1 - i));
        }
        assertThat(call("PUT", "/Contacts", contacts(contact("Never", null)), tokenA, A).status()).isEqualTo(429);
        assertThat(sandbox.contacts(A)).isEmpty();
        assertThat(sandbox.contacts(B)).hasSize(5);

        SandboxStats.TenantCalls a = sandbox.stats().tenant(A);
        SandboxStats.TenantCalls b = sandbox.stats().tenant(B);
        assertThat(a.calls()).isEqualTo(6 + 1); // five GETs, one PUT, and its token request
        assertThat(a.rateLimited()).isEqualTo(6);
        assertThat(a.writeCalls()).isEqualTo(1);
        assertThat(a.tokenRequests()).isEqualTo(1);
        assertThat(b.calls()).isEqualTo(5 + 1);
        assertThat(b.rateLimited()).isZero();
        assertThat(b.writeCalls()).isEqualTo(5);
        assertThat(b.firstCallNanos()).isLessThanOrEqualTo(b.lastCallNanos());
        assertThat(b.firstCallEpochMs()).isPositive();
        assertThat(sandbox.stats().tenant(C).calls()).isZero();
        assertThat(sandbox.stats().timeline()).filteredOn(t -> A.equals(t.tenantId())).hasSize(6)
                .allMatch(t -> t.status() == 429);

        sandbox.faults().rateLimitTenant(A, false);
        assertThat(call("GET", "/Contacts", null, tokenA, A).status()).isEqualTo(200);
    }

    @Test
    void aRevokedOrganisationIsRefusedAsXeroDoesAndTheOthersAreNot() {
        String tokenA = accessToken("a");
        String tokenB = accessToken("b");
        sandbox.revokeOrganisation(A);

        Reply api = call("GET", "/Contacts", null, tokenA, A);
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.json().get("Detail").asString()).isEqualTo("AuthenticationUnsuccessful");
        assertThat(call("GET", "/Contacts", null, tokenA, null).status()).isEqualTo(403);
        Reply again = customToken("a");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("error").asString()).isEqualTo("invalid_client");

        assertThat(call("GET", "/Contacts", null, tokenB, B).status()).isEqualTo(200);
        assertThat(accessToken("b")).isNotBlank();
        assertThat(sandbox.stats().tenant(A).unauthorized()).isEqualTo(2);
        assertThat(sandbox.stats().tenant(B).unauthorized()).isZero();

        sandbox.reset(); // a revocation lasts until reset
        assertThat(customToken("a").status()).isEqualTo(200);
    }

    @Test
    void revokingOneOrganisationOfAConsentKeepsItsOtherOrganisationsAndTheRefreshToken() {
        sandbox.addOrganisation(B, "Org B");
        JsonNode login = http.login(); // one consent: the default organisation and B
        String refresh = login.get("refresh_token").asString();
        sandbox.revokeOrganisation(B);

        assertThat(http.get("/Contacts", "xero-tenant-id", B).status()).isEqualTo(403);
        assertThat(http.get("/Contacts").status()).isEqualTo(200);
        Reply refreshed = http.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(refreshed.status()).isEqualTo(200);

        // the consent's last organisation goes too: the refresh token is revoked with it
        sandbox.revokeOrganisation(sandbox.settings().tenantId());
        Reply dead = http.token(Map.of("grant_type", "refresh_token",
                "refresh_token", refreshed.json().get("refresh_token").asString()));
        assertThat(dead.status()).isEqualTo(400);
        assertThat(dead.json().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void controlEndpointsAddOrganisationsSetTheirFaultsAndReportTheirStats() {
        String control = sandbox.baseUrl() + "/sandbox";
        Reply added = http.raw("POST", control + "/organisations", "{\"tenantId\":\"d0000000-0000-4000-8000-"
                + "00000000000d\",\"tenantName\":\"Org D\",\"clientId\":\"client-d\",\"clientSecret\":\"secret-d\"}",
                Map.of());
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        String d = "d0000000-0000-4000-8000-00000000000d";
        String tokenD = accessToken("d");
        String tokenB = accessToken("b");

        Reply set = http.raw("POST", control + "/faults",
                "{\"tenants\":{\"" + d + "\":{\"rateLimitAll\":true},\"" + C + "\":{\"revoke\":true}}}", Map.of());
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("rateLimitedTenants").get(0).asString()).isEqualTo(d);
        assertThat(set.json().get("revokedTenants").get(0).asString()).isEqualTo(C);

        assertThat(call("GET", "/Contacts", null, tokenD, d).status()).isEqualTo(429);
        assertThat(call("GET", "/Contacts", null, tokenB, B).status()).isEqualTo(200);
        assertThat(customToken("c").json().get("error").asString()).isEqualTo("invalid_client");

        JsonNode stats = http.raw("GET", control + "/stats/tenants", null, Map.of()).json();
        assertThat(stats.get(d).get("calls").asLong()).isEqualTo(2);
        assertThat(stats.get(d).get("rateLimited").asLong()).isEqualTo(1);
        assertThat(stats.get(B).get("rateLimited").asLong()).isZero();
        assertThat(stats.get(C).get("tokenRequests").asLong()).isEqualTo(1);
        assertThat(stats.get(B).get("lastCallEpochMs").asLong())
                .isGreaterThanOrEqualTo(stats.get(B).get("firstCallEpochMs").asLong());

        assertThat(http.raw("POST", control + "/organisations", "{\"tenantName\":\"x\"}", Map.of()).status())
                .isEqualTo(400);
        http.raw("POST", control + "/faults", "{\"clear\":true}", Map.of());
        assertThat(call("GET", "/Contacts", null, tokenD, d).status()).isEqualTo(200);
    }
}
