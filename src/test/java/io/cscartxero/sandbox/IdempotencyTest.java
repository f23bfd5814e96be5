package io.cscartxero.sandbox;

import static io.cscartxero.sandbox.SandboxHttp.contact;
import static io.cscartxero.sandbox.SandboxHttp.contacts;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cscartxero.sandbox.SandboxHttp.Reply;
import io.cscartxero.testsupport.TestSandbox;

class IdempotencyTest {

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
    void sameKeyAndRequestReplaysTheStoredResponseWithoutCreatingAgain() {
        String body = contacts(contact("Once", "o-1"));
        Reply first = http.put("/Contacts", body, "Idempotency-Key", "key-1");
        Reply second = http.put("/Contacts", body, "Idempotency-Key", "key-1");

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(sandbox.contacts()).hasSize(1);
        assertThat(sandbox.stats().calls("PUT", "/Contacts")).isEqualTo(2);
        // replays still carry rate-limit headers and count against the limits
        assertThat(Integer.parseInt(second.header("X-MinLimit-Remaining")))
                .isEqualTo(Integer.parseInt(first.header("X-MinLimit-Remaining")) - 1);
    }

    @Test
    void errorsAreReplayedToo() {
        http.put("/Contacts", contacts(contact("Taken", null)));
        String body = contacts(contact("Taken", null));
        Reply first = http.put("/Contacts", body, "Idempotency-Key", "err-key");
        assertThat(first.status()).isEqualTo(400);

        // even after the conflict disappears, the same key replays the stored error
        String id = sandbox.contacts().get(0).contactId();
        http.post("/Contacts", contacts("{\"ContactID\":\"" + id + "\",\"ContactStatus\":\"ARCHIVED\"}"));
        Reply replay = http.put("/Contacts", body, "Idempotency-Key", "err-key");
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(sandbox.contacts()).hasSize(1);

        // a new key executes the request
        assertThat(http.put("/Contacts", body, "Idempotency-Key", "err-key-2").status()).isEqualTo(200);
        assertThat(sandbox.contacts()).hasSize(2);
    }

    @Test
    void sameKeyWithDifferentRequestIs400() {
        http.put("/Contacts", contacts(contact("First", null)), "Idempotency-Key", "reused");
        Reply reply = http.put("/Contacts", contacts(contact("Second", null)), "Idempotency-Key", "reused");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("Message").asString())
                .isEqualTo("Idempotency Key: reused is used with a different request.");
        assertThat(sandbox.contacts()).extracting(SandboxContact::name).containsExactly("First");

        // a different method or query with the same key is a different request as well
        assertThat(http.post("/Contacts", contacts(contact("First", null)), "Idempotency-Key", "reused").status())
                .isEqualTo(400);
        assertThat(http.put("/Contacts?summarizeErrors=false", contacts(contact("First", null)),
                "Idempotency-Key", "reused").status()).isEqualTo(400);
    }

    @Test
    void keyLongerThan128CharactersIs400() {
        Reply tooLong = http.put("/Contacts", contacts(contact("Long", null)), "Idempotency-Key", "k".repeat(129));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("Message").asString()).contains("128");
        assertThat(sandbox.contacts()).isEmpty();

        assertThat(http.put("/Contacts", contacts(contact("Max", null)), "Idempotency-Key", "k".repeat(128)).status())
                .isEqualTo(200);
    }

    @Test
    void keyExpiresAfterTtl() {
        String body = contacts(contact("Ttl", "t-1"));
        http.put("/Contacts", body, "Idempotency-Key", "ttl-key");
        sandbox.clock().advance(Duration.ofMinutes(7));
        Reply reply = http.put("/Contacts", body, "Idempotency-Key", "ttl-key");
        // executed again: this time the name (and number) clash with the first run
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.elementError(0)).startsWith("The contact name Ttl is already assigned");
    }

    @Test
    void keyIsScopedPerAppNotPerCall() {
        // same key, same request from another token of the same app replays
        String body = contacts(contact("Shared", null));
        Reply first = http.put("/Contacts", body, "Idempotency-Key", "app-key");
        http.login();
        Reply second = http.put("/Contacts", body, "Idempotency-Key", "app-key");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(sandbox.contacts()).hasSize(1);
    }

    @Test
    void keyIsIgnoredOnGet() {
        http.put("/Contacts", contacts(contact("G", null)));
        Reply a = http.get("/Contacts", "Idempotency-Key", "get-key");
        http.put("/Contacts", contacts(contact("H", null)));
        Reply b = http.get("/Contacts", "Idempotency-Key", "get-key");
        assertThat(a.contacts()).hasSize(1);
        assertThat(b.contacts()).hasSize(2);
    }

    @Test
    void concurrentRetriesWithTheSameKeyExecuteOnce() throws Exception {
        String body = contacts(contact("Race", "r-1"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                replies.add(CompletableFuture.supplyAsync(
                        () -> http.put("/Contacts", body, "Idempotency-Key", "race-key"), pool));
            }
            List<String> bodies = new ArrayList<>();
            for (CompletableFuture<Reply> reply : replies) {
                Reply r = reply.get();
                if (r.status() != 429) bodies.add(r.body());
            }
            assertThat(bodies).isNotEmpty().allMatch(b -> b.equals(bodies.get(0)));
            assertThat(sandbox.contacts()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
