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

        Thread.sleep(1100); // the window runs on real time
        Reply afterWindow = http.get("/Contacts");
        assertThat(afterWindow.status()).isEqualTo(200);
        assertThat(afterWindow.header("X-MinLimit-Remaining")).isEqualTo("2");
        // the two 429s did not use up the day allowance
        assertThat(afterWindow.header("X-DayLimit-Remaining")).isEqualTo("4996");
    }

    @Test
    void retryAfterCountsSecondsUntilTheWindowEnds() {
        start(SandboxSettings.defaults().withMinuteLimit(1, Duration.ofMinutes(1)));
        assertThat(http.get("/Contacts").status()).isEqualTo(200);
        Reply limited = http.get("/Contacts");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(55, 60);
    }

    @Test
    void dayLimitUsesTheSandboxClock() {
        // long-lived access tokens: this test jumps a day ahead
        start(SandboxSettings.defaults().withDayLimit(2, Duration.ofDays(1))
                .withLifetimes(Duration.ofDays(7), Duration.ofMinutes(30), Duration.ofMinutes(6)));
        assertThat(http.get("/Contacts").header("X-DayLimit-Remaining")).isEqualTo("1");
        assertThat(http.get("/Contacts").header("X-DayLimit-Remaining")).isEqualTo("0");

        Reply limited = http.get("/Contacts");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("X-Rate-Limit-Problem")).isEqualTo("day");
        assertThat(limited.header("X-DayLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(86_000L, 86_400L);

        sandbox.clock().advance(Duration.ofHours(23));
        Reply stillLimited = http.get("/Contacts");
        assertThat(stillLimited.status()).isEqualTo(429);
        assertThat(Long.parseLong(stillLimited.header("Retry-After"))).isBetween(3_000L, 3_600L);

        sandbox.clock().advance(Duration.ofHours(1));
        Reply nextDay = http.get("/Contacts");
        assertThat(nextDay.status()).isEqualTo(200);
        assertThat(nextDay.header("X-DayLimit-Remaining")).isEqualTo("1");
    }

    @Test
    void concurrentLimitRejectsTheSixthCallInFlight() throws Exception {
        start(SandboxSettings.defaults());
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
            assertThat(ok).isEqualTo(5);
            assertThat(rejected).hasSize(2).allSatisfy(r -> {
                assertThat(r.header("X-Rate-Limit-Problem")).isEqualTo("concurrent");
                assertThat(r.header("Retry-After")).isNull();
            });
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
