package io.cscartxero.xero;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class XeroRateLimiterTest {

    @Test
    void neverStartsMoreThanTheLimitInAnyRollingWindow() throws Exception {
        XeroRateLimiter limiter = new XeroRateLimiter(5, 10, Duration.ofMillis(400));
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            try (var permit = limiter.acquire()) {
                starts.add(System.nanoTime());
            }
        }
        long window = Duration.ofMillis(400).toNanos() + Duration.ofMillis(20).toNanos() - Duration.ofMillis(5).toNanos();
        for (int i = 0; i + 10 < starts.size(); i++) {
            // the 11th call after any call starts a full window later (the limiter adds a 5% latency margin;
            // the test's own timestamps are taken just after acquire, hence the small tolerance)
            assertThat(starts.get(i + 10) - starts.get(i)).isGreaterThanOrEqualTo(window);
        }
    }

    @Test
    void neverHasMoreThanMaxInFlight() throws Exception {
        XeroRateLimiter limiter = new XeroRateLimiter(3, 1000, Duration.ofSeconds(1));
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(8);
        CountDownLatch done = new CountDownLatch(40);
        for (int i = 0; i < 40; i++) {
            pool.submit(() -> {
                try (var permit = limiter.acquire()) {
                    maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    Thread.sleep(5);
                    inFlight.decrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
            });
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        assertThat(maxSeen.get()).isEqualTo(3);
    }

    @Test
    void callsXeroCountedForAnotherProcessUseUpTheWindowToo() throws Exception {
        long[] now = {0};
        XeroRateLimiter limiter = new XeroRateLimiter(5, 10, Duration.ofMillis(300), () -> now[0]);
        for (int i = 0; i < 2; i++) {
            limiter.acquire().close();
        }
        // Xero: 3 left, so 7 counted, 5 of them by someone else
        limiter.observeRemaining(3);
        for (int i = 0; i < 3; i++) {
            limiter.acquire().close();
        }
        var pool = Executors.newSingleThreadExecutor();
        var eleventh = acquireLater(pool, limiter, 1);
        Thread.sleep(200);
        assertThat(eleventh.isDone()).as("the window is full at Xero").isFalse();
        now[0] += Duration.ofMillis(400).toNanos();
        assertThat(eleventh.get(5, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
    }

    @Test
    void aRemainingCountThatOurOwnCallsExplainAddsNothing() throws Exception {
        long[] now = {0};
        XeroRateLimiter limiter = new XeroRateLimiter(5, 10, Duration.ofMillis(300), () -> now[0]);
        for (int i = 0; i < 4; i++) {
            limiter.acquire().close();
        }
        limiter.observeRemaining(6);   // exactly our 4
        limiter.observeRemaining(9);   // a stale answer from before our calls
        var pool = Executors.newSingleThreadExecutor();
        assertThat(acquireLater(pool, limiter, 6).get(5, TimeUnit.SECONDS)).as("the 6 calls left at Xero start at once").isTrue();
        var eleventh = acquireLater(pool, limiter, 1);
        Thread.sleep(200);
        assertThat(eleventh.isDone()).as("our own 10 fill the window").isFalse();
        pool.shutdownNow();
    }

    /** {@code calls} acquisitions on {@code pool}; the future completes (true) once all of them started. */
    private static java.util.concurrent.Future<Boolean> acquireLater(java.util.concurrent.ExecutorService pool, XeroRateLimiter limiter, int calls) {
        return pool.submit(() -> {
            for (int i = 0; i < calls; i++) {
                limiter.acquire().close();
            }
            return true;
        });
    }
}
