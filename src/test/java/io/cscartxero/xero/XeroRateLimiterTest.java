package io.cscartxero.xero;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cscartxero.testsupport.ManualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The limiter on a clock the test moves ({@link ManualTime}): windows, waits and orderings are asserted exactly, and
 * nothing depends on how fast the machine is. A blocked call is recognised by its thread parking, not by a sleep.
 */
class XeroRateLimiterTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void neverStartsMoreThanTheLimitInAnyRollingWindow() throws Exception {
        ManualTime time = ManualTime.virtual();   // waiting is the passing of time
        XeroRateLimiter limiter = new XeroRateLimiter(5, 10, Duration.ofMillis(400), time.ticker());
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            try (var permit = limiter.acquire()) {
                starts.add(time.nanoTime());
            }
        }
        // the window plus the limiter's 5 % latency margin
        long window = Duration.ofMillis(420).toNanos();
        for (int i = 0; i + 10 < starts.size(); i++) {
            assertThat(starts.get(i + 10) - starts.get(i)).as("call %d and the 11th after it", i).isGreaterThanOrEqualTo(window);
        }
        // and it waits no longer than that: ten calls at once, then ten a window later, ...
        for (int i = 0; i < starts.size(); i++) {
            assertThat(starts.get(i)).as("call %d", i).isEqualTo((i / 10) * window);
        }
    }

    @Test
    void neverHasMoreThanMaxInFlight() throws Exception {
        XeroRateLimiter limiter = new XeroRateLimiter(3, 1000, Duration.ofSeconds(1), ManualTime.manual().ticker());
        // three calls in flight at once are allowed ...
        CountDownLatch holding = new CountDownLatch(3);
        CountDownLatch finish = new CountDownLatch(1);
        List<Future<?>> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(pool.submit(() -> {
                try (var permit = limiter.acquire()) {
                    holding.countDown();
                    finish.await();
                }
                return null;
            }));
        }
        assertThat(holding.await(30, TimeUnit.SECONDS)).as("three calls in flight together").isTrue();
        // ... a fourth waits until one of them ends
        Thread fourth = new Thread(() -> {
            try {
                limiter.acquire().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        fourth.start();
        awaitParked(fourth);
        assertThat(fourth.isAlive()).as("the fourth call waits while three are in flight").isTrue();
        finish.countDown();
        for (Future<?> f : three) {
            f.get(30, TimeUnit.SECONDS);
        }
        fourth.join(30_000);
        assertThat(fourth.isAlive()).as("the fourth call started once a slot was free").isFalse();

        // and under contention the count never goes above three
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        List<Future<?>> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(pool.submit(() -> {
                try (var permit = limiter.acquire()) {
                    maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    Thread.yield();
                    inFlight.decrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : many) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertThat(maxSeen.get()).isBetween(1, 3);
    }

    @Test
    void callsXeroCountedForAnotherProcessUseUpTheWindowToo() throws Exception {
        ManualTime time = ManualTime.manual();
        XeroRateLimiter limiter = new XeroRateLimiter(5, 10, Duration.ofMillis(300), time.ticker());
        for (int i = 0; i < 2; i++) {
            limiter.acquire().close();
        }
        // Xero: 3 left, so 7 counted, 5 of them by someone else
        limiter.observeRemaining(3);
        for (int i = 0; i < 3; i++) {
            limiter.acquire().close();
        }
        Thread eleventh = acquireOn(limiter, 1);
        awaitParked(eleventh);
        assertThat(eleventh.isAlive()).as("the window is full at Xero").isTrue();
        time.advance(Duration.ofMillis(314));   // the window and its margin, less a millisecond
        awaitParked(eleventh);
        assertThat(eleventh.isAlive()).as("still inside the window").isTrue();
        time.advance(Duration.ofMillis(1));
        eleventh.join(30_000);
        assertThat(eleventh.isAlive()).as("a window later the call starts").isFalse();
    }

    @Test
    void aRemainingCountThatOurOwnCallsExplainAddsNothing() throws Exception {
        ManualTime time = ManualTime.manual();
        XeroRateLimiter limiter = new XeroRateLimiter(5, 10, Duration.ofMillis(300), time.ticker());
        for (int i = 0; i < 4; i++) {
            limiter.acquire().close();
        }
        limiter.observeRemaining(6);   // exactly our 4
        limiter.observeRemaining(9);   // a stale answer from before our calls
        Thread six = acquireOn(limiter, 6);
        six.join(30_000);
        assertThat(six.isAlive()).as("the 6 calls left at Xero start at once").isFalse();
        Thread eleventh = acquireOn(limiter, 1);
        awaitParked(eleventh);
        assertThat(eleventh.isAlive()).as("our own 10 fill the window").isTrue();
        eleventh.interrupt();
        eleventh.join(30_000);
    }

    /** A thread making {@code calls} acquisitions one after another; it ends once all of them started. */
    private static Thread acquireOn(XeroRateLimiter limiter, int calls) {
        Thread t = new Thread(() -> {
            try {
                for (int i = 0; i < calls; i++) {
                    limiter.acquire().close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        return t;
    }

    /**
     * Until the thread has ended or is blocked waiting (for a permit or for the window): no sleep whose length would
     * have to suit the machine, and with a manual clock a blocked thread stays blocked until the test moves the time.
     */
    private static void awaitParked(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (t.isAlive() && System.nanoTime() < deadline) {
            Thread.State state = t.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                return;
            }
            Thread.onSpinWait();
            Thread.sleep(1);
        }
    }
}
