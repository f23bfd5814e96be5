package io.cscartxero.xero;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;

/**
 * Proactive per-tenant limiter so that a normal run draws no 429: at most {@code maxInFlight} calls in progress
 * and at most {@code callsPerWindow} call starts in any rolling window.
 *
 * <p>Hand-written on purpose: Xero counts in a fixed window whose start we cannot see, so only a rolling
 * (sliding-log) window guarantees we never exceed it. Resilience4j's RateLimiter and Bucket4j refill per
 * period, which lets up to twice the limit through across a boundary of Xero's window.
 */
public final class XeroRateLimiter {

    private final Semaphore inFlight;
    private final int callsPerWindow;
    private final long windowNanos;
    private final Ticker nanoClock;
    private final ArrayDeque<Long> starts = new ArrayDeque<>();

    /**
     * The time the limiter counts in and waits on. Production uses {@link #SYSTEM}; a test passes a clock it moves
     * itself, so that ordering and counts can be asserted without depending on the machine's speed.
     */
    public interface Ticker {
        /** A monotonic reading in nanoseconds (only differences matter). */
        long nanoTime();

        /**
         * Waits up to {@code nanos} on {@code monitor}, whose lock the caller holds (as {@link Object#wait(long, int)});
         * may return early, the caller reads the time again.
         */
        void await(Object monitor, long nanos) throws InterruptedException;
    }

    /** Real time: {@link System#nanoTime()} and {@link Object#wait(long, int)}. */
    public static final Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void await(Object monitor, long nanos) throws InterruptedException {
            monitor.wait(Math.max(1, nanos / 1_000_000), (int) (nanos % 1_000_000));
        }
    };

    public XeroRateLimiter(int maxInFlight, int callsPerWindow, Duration window) {
        this(maxInFlight, callsPerWindow, window, SYSTEM);
    }

    public XeroRateLimiter(int maxInFlight, int callsPerWindow, Duration window, Ticker nanoClock) {
        this.inFlight = new Semaphore(maxInFlight, true);
        this.callsPerWindow = callsPerWindow;
        // a call stamped here reaches Xero a little later; the margin keeps latency jitter from landing the
        // 61st call inside Xero's window (5% of the window, at most one second)
        this.windowNanos = window.toNanos() + Math.min(window.toNanos() / 20, Duration.ofSeconds(1).toNanos());
        this.nanoClock = nanoClock;
    }

    /** Blocks until a call may start; the returned permit must be closed when the call ends. */
    public Permit acquire() throws InterruptedException {
        inFlight.acquire();
        try {
            reserveWindowSlot();
        } catch (InterruptedException | RuntimeException e) {
            inFlight.release();
            throw e;
        }
        return inFlight::release;
    }

    private synchronized void reserveWindowSlot() throws InterruptedException {
        while (true) {
            long now = nanoClock.nanoTime();
            while (!starts.isEmpty() && now - starts.peekFirst() >= windowNanos) {
                starts.pollFirst();
            }
            if (starts.size() < callsPerWindow) {
                starts.addLast(now);
                return;
            }
            long waitNanos = starts.peekFirst() + windowNanos - now;
            nanoClock.await(this, waitNanos);
        }
    }

    /**
     * What Xero reports left of its window ({@code X-MinLimit-Remaining}). Calls another process made - the job that
     * ran just before, a second connector - count at Xero but are not in this log: they are added as if made now, so
     * this process waits instead of drawing a 429. Conservative only: calls of ours from Xero's previous window can
     * hide some of them, never the other way round (the rolling log is at least as long as Xero's window).
     */
    public synchronized void observeRemaining(int remaining) {
        long now = nanoClock.nanoTime();
        while (!starts.isEmpty() && now - starts.peekFirst() >= windowNanos) {
            starts.pollFirst();
        }
        int unseen = callsPerWindow - Math.max(0, remaining) - starts.size();
        for (int i = 0; i < unseen; i++) {
            starts.addLast(now);
        }
    }

    /** Releases the in-flight slot; the window slot stays used, as the call counted at Xero. */
    @FunctionalInterface
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
