package io.cscartxero.sandbox;

import static io.cscartxero.sandbox.SandboxHttp.contact;
import static io.cscartxero.sandbox.SandboxHttp.contacts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cscartxero.sandbox.SandboxHttp.Reply;
import io.cscartxero.testsupport.TestSandbox;
import tools.jackson.databind.JsonNode;

class FaultsTest {

    XeroSandbox sandbox;
    SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = TestSandbox.generous();
        http = new SandboxHttp(sandbox);
        http.login();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void failNextAnswersTheStatusThenRecovers() {
        sandbox.faults().failNext(2, 503);
        Reply first = http.put("/Contacts", contacts(contact("Later", null)));
        Reply second = http.get("/Contacts");
        Reply third = http.put("/Contacts", contacts(contact("Later", null)));

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.body()).contains("API is currently unavailable");
        assertThat(first.header("X-MinLimit-Remaining")).isNotNull();
        assertThat(second.status()).isEqualTo(503);
        assertThat(third.status()).isEqualTo(200);
        assertThat(sandbox.contacts()).hasSize(1); // the failed write was not executed
        assertThat(sandbox.stats().faultsInjected()).isEqualTo(2);
    }

    @Test
    void injected500HasXeroProblemBody() {
        sandbox.faults().failNext(1, 500);
        Reply reply = http.get("/Contacts");
        assertThat(reply.status()).isEqualTo(500);
        JsonNode json = reply.json();
        assertThat(json.get("Title").asString()).isEqualTo("An error occurred");
        assertThat(json.get("Status").asInt()).isEqualTo(500);
        assertThat(json.get("Detail").asString()).startsWith("An error occurred in Xero.");
    }

    @Test
    void rateLimitNextForcesMinute429() {
        sandbox.faults().rateLimitNext(1);
        Reply reply = http.get("/Contacts");
        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.header("Retry-After")).isEqualTo("1");
        assertThat(reply.header("X-Rate-Limit-Problem")).isEqualTo("minute");
        assertThat(reply.header("X-MinLimit-Remaining")).isEqualTo("0");
        assertThat(reply.header("X-DayLimit-Remaining")).isEqualTo("5000"); // a 429 does not use up the allowance
        Reply next = http.get("/Contacts");
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.header("X-DayLimit-Remaining")).isEqualTo("4999");
        assertThat(sandbox.stats().rateLimited()).isEqualTo(1);
        assertThat(sandbox.stats().faultsInjected()).isEqualTo(1);
    }

    @Test
    void aHeldCallWaitsUntilClearedAndIsDroppedExecutedOrNot() throws Exception {
        // before execution: the second PUT /Contacts waits, then is dropped without running
        sandbox.faults().hold("PUT", "/Contacts", 2, false);
        assertThat(http.put("/Contacts", contacts(contact("First", "h-1"))).status()).isEqualTo(200);
        java.util.concurrent.CompletableFuture<Reply> second = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> http.put("/Contacts", contacts(contact("Second", "h-2"))));
        awaitHolding();
        assertThat(second).isNotDone();
        sandbox.faults().clear();
        assertThat(second).failsWithin(Duration.ofSeconds(10));
        assertThat(sandbox.contacts()).extracting(SandboxContact::name).containsExactly("First");

        // after execution: the call is saved, its answer held, then lost
        sandbox.faults().hold("PUT", "/Contacts", 1, true);
        java.util.concurrent.CompletableFuture<Reply> third = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> http.put("/Contacts", contacts(contact("Third", "h-3"))));
        awaitHolding();
        assertThat(sandbox.contacts()).extracting(SandboxContact::name).containsExactlyInAnyOrder("First", "Third");
        assertThat(third).isNotDone();
        sandbox.faults().clear();
        assertThat(third).failsWithin(Duration.ofSeconds(10));
        assertThat(sandbox.faults().holding()).isFalse();
    }

    private void awaitHolding() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!sandbox.faults().holding()) {
            assertThat(System.nanoTime()).as("a call held").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void droppedCallIsExecutedButTheClientGetsAnIoError() {
        sandbox.faults().setDropRate(1.0);
        String body = contacts(contact("Lost Answer", "la-1"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.apiUrl() + "/Contacts"))
                .header("Authorization", "Bearer " + http.accessToken)
                .header("xero-tenant-id", sandbox.settings().tenantId())
                .header("Idempotency-Key", "drop-key")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();

        assertThatThrownBy(() -> http.sendOrThrow(request)).isInstanceOf(IOException.class);
        assertThat(sandbox.contacts()).extracting(SandboxContact::name).containsExactly("Lost Answer");
        assertThat(sandbox.stats().requests()).last().extracting(RecordedRequest::status).isEqualTo(0);

        // the retry with the same key replays instead of creating a duplicate
        sandbox.faults().clear();
        Reply retry = http.put("/Contacts", body, "Idempotency-Key", "drop-key");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.contacts().get(0).get("ContactID").asString()).isEqualTo(sandbox.contacts().get(0).contactId());
        assertThat(sandbox.contacts()).hasSize(1);
    }

    @Test
    void slowCallsAnswerNormallyAfterTheDelay() {
        sandbox.faults().setSlowRate(1.0, Duration.ofMillis(300));
        long start = System.nanoTime();
        Reply reply = http.get("/Contacts");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(reply.status()).isEqualTo(200);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(300);
        assertThat(sandbox.stats().faultsInjected()).isEqualTo(1);
    }

    @Test
    void randomServerErrorsAreReproducibleWithASeed() {
        List<Integer> firstRun = statuses(42L);
        List<Integer> secondRun = statuses(42L);
        assertThat(firstRun).isEqualTo(secondRun);
        assertThat(firstRun).contains(200).containsAnyOf(500, 503);
        assertThat(firstRun).allMatch(s -> s == 200 || s == 500 || s == 503);
    }

    private List<Integer> statuses(long seed) {
        sandbox.faults().setRandomSeed(seed);
        sandbox.faults().setServerErrorRate(0.5);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) statuses.add(http.get("/Contacts").status());
        sandbox.faults().clear();
        return statuses;
    }

    @Test
    void clearRemovesEveryFault() {
        sandbox.faults().failNext(5, 500);
        sandbox.faults().setDropRate(1.0);
        sandbox.faults().clear();
        assertThat(http.get("/Contacts").status()).isEqualTo(200);
    }

    @Test
    void faultsApplyToTenantCallsOnly() {
        sandbox.faults().failNext(1, 503);
        http.login(); // token endpoint unaffected
        assertThat(http.get("/Contacts").status()).isEqualTo(503);
    }

    @Test
    void faultsCanBeSetOverHttp() {
        Reply set = http.raw("POST", sandbox.baseUrl() + "/sandbox/faults",
                "{\"failNext\":{\"count\":1,\"status\":503},\"seed\":7}", java.util.Map.of());
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().get("failNextCount").asInt()).isEqualTo(1);
        assertThat(http.get("/Contacts").status()).isEqualTo(503);
        assertThat(http.get("/Contacts").status()).isEqualTo(200);

        Reply bad = http.raw("POST", sandbox.baseUrl() + "/sandbox/faults", "{\"dropRate\":2}", java.util.Map.of());
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThatThrownBy(() -> sandbox.faults().setDropRate(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sandbox.faults().failNext(1, 200)).isInstanceOf(IllegalArgumentException.class);
    }
}
