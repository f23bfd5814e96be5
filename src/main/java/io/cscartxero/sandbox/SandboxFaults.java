package io.cscartxero.sandbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Faults injected into tenant API calls ({@code /api.xro/2.0/*}) after authentication.
 * <ul>
 *   <li>A forced 429 ({@link #rateLimitNext}) is decided before the rate limiter and, like a real 429, does not use
 *       up the minute or day allowance.</li>
 *   <li>All other faults are decided after the rate limiter, so they use up an allowance as a failing real call
 *       would. Queued statuses ({@link #failNext}) come before random ones; the call is not executed.</li>
 *   <li>Random faults use one seeded {@link Random}; every call draws the same number of values, so a seed gives the
 *       same fault sequence for the same call sequence.</li>
 *   <li>A dropped call IS executed and only its response is lost (the socket is closed without a status line).
 *       That is the case idempotency keys exist for: the client cannot know whether the write happened.</li>
 *   <li>A slow call sleeps before it is executed and keeps its concurrency slot while sleeping.</li>
 *   <li>A held call ({@link #hold}) waits, before or after it is executed, until {@link #clear()}, and is then dropped:
 *       a test kills the client meanwhile, at an exact point between two of its calls.</li>
 * </ul>
 */
public final class SandboxFaults {

    /** What to do with one admitted call. {@code status} 0 = answer normally. */
    record Decision(int status, boolean drop, Duration delay) {
        static final Decision NONE = new Decision(0, false, Duration.ZERO);

        boolean injected() {
            return status != 0 || drop || !delay.isZero();
        }
    }

    private final Runnable expireTokens;
    private Random random = new Random();
    private int failCount;
    private int failStatus;
    private int rateLimitCount;
    private double serverErrorRate;
    private double slowRate;
    private Duration slowDelay = Duration.ZERO;
    private double dropRate;

    private String holdMethod;
    private String holdPath;
    private int holdCountdown;
    private boolean holdExecuted;
    private java.util.concurrent.CountDownLatch holdRelease = new java.util.concurrent.CountDownLatch(0);
    private volatile boolean holding;
    /** Organisations whose every API call answers a minute-limit 429 ({@link #rateLimitTenant}). */
    private final java.util.Set<String> rateLimitedTenants = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    SandboxFaults(Runnable expireTokens) {
        this.expireTokens = expireTokens;
    }

    /** The next {@code count} tenant API calls answer {@code status} (e.g. 500, 503) with a Xero-like body. */
    public synchronized void failNext(int count, int status) {
        if (count < 0) throw new IllegalArgumentException("count must be >= 0");
        if (status < 400 || status > 599) throw new IllegalArgumentException("status must be 4xx or 5xx: " + status);
        if (status == 429) {
            rateLimitCount = count;
            return;
        }
        failCount = count;
        failStatus = status;
    }

    /** The next {@code count} tenant API calls get a minute-limit 429 with {@code Retry-After: 1}. */
    public synchronized void rateLimitNext(int count) {
        if (count < 0) throw new IllegalArgumentException("count must be >= 0");
        rateLimitCount = count;
    }

    /**
     * From now on ({@code on}) every API call for this organisation answers the minute-limit 429 of
     * {@link #rateLimitNext} ({@code Retry-After: 1}, {@code X-Rate-Limit-Problem: minute}), as if another app used up
     * its allowance; other organisations are not affected. Not counted against the allowances. {@code on} false ends it.
     */
    public synchronized void rateLimitTenant(String tenantId, boolean on) {
        if (tenantId == null || tenantId.isBlank()) throw new IllegalArgumentException("tenantId is required");
        if (on) rateLimitedTenants.add(tenantId.trim());
        else rateLimitedTenants.remove(tenantId.trim());
    }

    /** Whether every call for this organisation answers 429 ({@link #rateLimitTenant}). */
    synchronized boolean rateLimitsTenant(String tenantId) {
        return tenantId != null && rateLimitedTenants.contains(tenantId);
    }

    /** Probability that a call answers 500 or 503 (chosen at random, evenly). */
    public synchronized void setServerErrorRate(double p) {
        serverErrorRate = probability(p);
    }

    /** Probability that a call is delayed by {@code delay} before it is executed. */
    public synchronized void setSlowRate(double p, Duration delay) {
        slowRate = probability(p);
        slowDelay = delay == null ? Duration.ZERO : delay;
    }

    /** Probability that a call is executed but its connection is closed without any response. */
    public synchronized void setDropRate(double p) {
        dropRate = probability(p);
    }

    /** Every access token issued so far is expired from now on (the next call answers 401 TokenExpired). */
    public void expireAccessTokens() {
        expireTokens.run();
    }

    /**
     * The {@code nth} call with this method whose path contains {@code pathPart} is held until {@link #clear()} and
     * then dropped (its caller gets no answer): {@code executed} false holds it before it is executed (it never is),
     * true after (Xero saved it; its answer is lost). Tests kill the client while it waits ({@link #holding()}).
     */
    public synchronized void hold(String method, String pathPart, int nth, boolean executed) {
        if (nth < 1) throw new IllegalArgumentException("nth must be >= 1");
        holdMethod = method;
        holdPath = pathPart;
        holdCountdown = nth;
        holdExecuted = executed;
        holdRelease = new java.util.concurrent.CountDownLatch(1);
        holding = false;
    }

    /** Whether a call is being held now. */
    public boolean holding() {
        return holding;
    }

    /** Whether this call is the one to hold (counts the matching calls); {@code afterExecution}: which check this is. */
    synchronized boolean takeHold(String method, String path, boolean afterExecution) {
        if (holdMethod == null || afterExecution != holdExecuted || !holdMethod.equals(method) || !path.contains(holdPath)) {
            return false;
        }
        if (--holdCountdown > 0) return false;
        holdMethod = null;
        holding = true;
        return true;
    }

    /** Blocks the held call until {@link #clear()}. */
    void awaitRelease() {
        java.util.concurrent.CountDownLatch latch;
        synchronized (this) {
            latch = holdRelease;
        }
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized void setRandomSeed(long seed) {
        random = new Random(seed);
    }

    /** Removes queued faults and sets every rate to 0. */
    public synchronized void clear() {
        failCount = 0;
        failStatus = 0;
        rateLimitCount = 0;
        serverErrorRate = 0;
        slowRate = 0;
        slowDelay = Duration.ZERO;
        dropRate = 0;
        holdMethod = null;
        holding = false;
        holdRelease.countDown();
        rateLimitedTenants.clear();
    }

    /** Current settings, for {@code /sandbox/faults}. */
    public synchronized Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("failNextCount", failCount);
        map.put("failNextStatus", failStatus);
        map.put("rateLimitNextCount", rateLimitCount);
        map.put("serverErrorRate", serverErrorRate);
        map.put("slowRate", slowRate);
        map.put("slowDelayMs", slowDelay.toMillis());
        map.put("dropRate", dropRate);
        map.put("rateLimitedTenants", new java.util.ArrayList<>(rateLimitedTenants));
        return map;
    }

    /** True when this call is one of the queued forced 429s (checked before the rate limiter). */
    synchronized boolean takeForcedRateLimit() {
        if (rateLimitCount == 0) return false;
        rateLimitCount--;
        return true;
    }

    /** The fault for an admitted call. */
    synchronized Decision next() {
        // draw a fixed number of values per call so that a seed reproduces the same sequence
        double dropDraw = random.nextDouble();
        double errorDraw = random.nextDouble();
        double slowDraw = random.nextDouble();
        boolean pick503 = random.nextBoolean();
        if (failCount > 0) {
            failCount--;
            return new Decision(failStatus, false, Duration.ZERO);
        }
        Duration delay = slowDraw < slowRate ? slowDelay : Duration.ZERO;
        if (dropDraw < dropRate) return new Decision(0, true, delay);
        if (errorDraw < serverErrorRate) return new Decision(pick503 ? 503 : 500, false, delay);
        if (!delay.isZero()) return new Decision(0, false, delay);
        return Decision.NONE;
    }

    private static double probability(double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("probability must be within 0..1: " + p);
        return p;
    }
}
