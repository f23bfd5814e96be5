package io.cscartxero.sandbox;

import static io.cscartxero.sandbox.SandboxHttp.contact;
import static io.cscartxero.sandbox.SandboxHttp.contacts;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cscartxero.sandbox.SandboxHttp.Reply;

class RateLimitTest {

    XeroSandbox sandbox;
    SandboxHttp http;

    void start(SandboxSettings settings) {
        sandbox = XeroSandbox.start(settings.withPort(0));
        http = new SandboxHttp(sandbox);
        http.login();
    }

    @AfterEach
    void stop() {
        if (sandbox != null) sandbox.close();
    }

    @Test
    void everyTenantResponseCarriesTheLimitHeaders() {
        start(SandboxSettings.defaults());
        Reply ok = http.get("/Contacts");
        assertThat(ok.header("X-MinLimit-Remaining")).isEqualTo("59");
        assertThat(ok.header("X-DayLimit-Remaining")).isEqualTo("4999");
        assertThat(ok.header("X-AppMinLimit-Remaining")).isEqualTo("9999");
        Reply error = http.put("/Contacts", "{}");
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.header("X-MinLimit-Remaining")).isEqualTo("58");
    }

    @Test
    void minuteLimitAnswers429WithRetryAfterAndRejectedCallsDoNotCount() throws Exception {
        start(SandboxSettings.defaults().withMinuteLimit(3, Duration.ofSeconds(1)));
        sandbox.clock().freeze();   // all five calls inside one window, however slow the machine
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Reply reply = http.get("/Contacts");
            assertThat(reply.status()).isEqualTo(200);
            remaining.add(reply.header("X-MinLimit-Remaining"));
        }
        assertThat(remaining).containsExactly("2", "1", "0");

        Reply limited = http.put("/Contacts", contacts(contact("Blocked", null)));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("X-Rate-Limit-Problem")).isEqualTo("minute");
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        assertThat(limited.header("X-MinLimit-Remaining")).isEqualTo("0");
        assertThat(limited.header("X-DayLimit-Remaining")).isEqualTo("4997");
        assertThat(http.get("/Contacts").status()).isEqualTo(429);
        assertThat(sandbox.contacts()).isEmpty();
        assertThat(sandbox.stats().rateLimited()).isEqualTo(2);

        sandbox.clock().advance(Duration.ofMillis(999));
        assertThat(http.get("/Contacts").status()).as("a millisecond before the window ends").isEqualTo(429);
        sandbox.clock().advance(Duration.ofMillis(1));
        Reply afterWindow = http.get("/Contacts");
        assertThat(afterWindow.status()).isEqualTo(200);
        assertThat(afterWindow.header("X-MinLimit-Remaining")).isEqualTo("2");
        // the three 429s did not use up the day allowance
        assertThat(afterWindow.header("X-DayLimit-Remaining")).isEqualTo("4996");
    }

    @Test
    void retryAfterCountsSecondsUntilTheWindowEnds() {
        start(SandboxSettings.defaults().withMinuteLimit(1, Duration.ofMinutes(1)));
        sandbox.clock().freeze();
        assertThat(http.get("/Contacts").status()).isEqualTo(200);
        Reply limited = http.get("/Contacts");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("60");
        sandbox.clock().advance(Duration.ofMillis(20_500));
        assertThat(http.get("/Contacts").header("Retry-After")).as("rounded up").isEqualTo("40");
        sandbox.clock().advance(Duration.ofMillis(39_500));
        assertThat(http.get("/Contacts").status()).isEqualTo(200);
    }

    @Test
    void dayLimitUsesTheSandboxClock() {
        // long-lived access tokens: this test jumps a day ahead
        start(SandboxSettings.defaults().withDayLimit(2, Duration.ofDays(1))
                .withLifetimes(Duration.ofDays(7), Duration.ofMinutes(30), Duration.ofMinutes(6)));
        sandbox.clock().freeze();
        assertThat(http.get("/Contacts").header("X-DayLimit-Remaining")).isEqualTo("1");
        assertThat(http.get("/Contacts").header("X-DayLimit-Remaining")).isEqualTo("0");

        Reply limited = http.get("/Contacts");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("X-Rate-Limit-Problem")).isEqualTo("day");
        assertThat(limited.header("X-DayLimit-Remaining")).isEqualTo("0");
        assertThat(limited.header("Retry-After")).isEqualTo("86400");

        sandbox.clock().advance(Duration.ofHours(23));
        Reply stillLimited = http.get("/Contacts");
        assertThat(stillLimited.status()).isEqualTo(429);
        assertThat(stillLimited.header("Retry-After")).isEqualTo("3600");

        sandbox.clock().advance(Duration.ofHours(1));
        Reply nextDay = http.get("/Contacts");
        assertThat(nextDay.status()).isEqualTo(200);
        assertThat(nextDay.header("X-DayLimit-Remaining")).isEqualTo("1");
    }

    @Test
    void concurrentLimitRejectsTheSixthCallInFlight() {
        // the rule itself, on a frozen clock: five in flight, the sixth and seventh refused, a freed slot reused
        SandboxClock clock = new SandboxClock();
        clock.freeze();
        RateLimits limits = new RateLimits(SandboxSettings.defaults(), clock, clock::nanoTime);
        List<RateLimits.Admission> admitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            admitted.add(limits.acquire("app", "tenant"));
        }
        assertThat(admitted).allMatch(RateLimits.Admission::admitted);
        for (int i = 0; i < 2; i++) {
            RateLimits.Admission sixth = limits.acquire("app", "tenant");
            assertThat(sixth.admitted()).isFalse();
            assertThat(sixth.rejection().status()).isEqualTo(429);
            assertThat(sixth.headers()).containsEntry("X-Rate-Limit-Problem", "concurrent").doesNotContainKey("Retry-After");
        }
        assertThat(limits.acquire("app", "other tenant").admitted()).as("the limit is per tenant").isTrue();
        limits.release(admitted.remove(0));
        RateLimits.Admission afterRelease = limits.acquire("app", "tenant");
        assertThat(afterRelease.admitted()).isTrue();
        // the refused calls did not count: 5 + 1 admitted of this tenant's 60
        assertThat(afterRelease.headers()).containsEntry("X-MinLimit-Remaining", "54");
    }

    @Test
    void concurrentCallsOverHttpAreAdmittedUpToTheLimitAndRefusedBeyondIt() throws Exception {
        start(SandboxSettings.defaults());
        // slow answers keep the slots taken; how many of the seven overlap depends on the machine, so the test asserts
        // what holds for every overlap: at least five admitted, every refusal a "concurrent" 429 without Retry-After
        sandbox.faults().setSlowRate(1.0, Duration.ofMillis(700));
        int calls = 7;
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<CompletableFuture<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return http.get("/Contacts");
                }, pool));
            }
            go.countDown();
            List<Reply> replies = new ArrayList<>();
            for (CompletableFuture<Reply> f : futures) replies.add(f.get());

            List<Reply> rejected = replies.stream().filter(r -> r.status() == 429).toList();
            long ok = replies.stream().filter(r -> r.status() == 200).count();
            assertThat(ok).isGreaterThanOrEqualTo(5);
            assertThat(ok + rejected.size()).isEqualTo(calls);
            assertThat(rejected).allSatisfy(r -> {
                assertThat(r.header("X-Rate-Limit-Problem")).isEqualTo("concurrent");
                assertThat(r.header("Retry-After")).isNull();
            });
            assertThat(sandbox.stats().rateLimited()).isEqualTo(rejected.size());
        } finally {
            pool.shutdownNow();
        }
        sandbox.faults().clear();
        // all slots were released
        assertThat(http.get("/Contacts").status()).isEqualTo(200);
    }

    @Test
    void tokenAndConnectionCallsAreNotTenantLimited() {
        start(SandboxSettings.defaults().withMinuteLimit(1, Duration.ofMinutes(1)));
        assertThat(http.get("/Contacts").status()).isEqualTo(200);
        assertThat(http.get("/Contacts").status()).isEqualTo(429);
        http.login();
        Reply connections = http.raw("GET", sandbox.baseUrl() + "/connections", null,
                java.util.Map.of("Authorization", "Bearer " + http.accessToken));
        assertThat(connections.status()).isEqualTo(200);
    }
}
