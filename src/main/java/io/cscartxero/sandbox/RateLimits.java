package io.cscartxero.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Xero's per-tenant limits (Xero's API docs: API rate limits): calls in flight, calls per minute, calls per day; plus the app-wide
 * 10,000 calls/minute. Windows are fixed: a window starts with the first call after the previous one ended.
 * <p>
 * Clocks: the minute windows use {@code nanoTime} (the sandbox's {@link SandboxClock#nanoTime()}: real time plus
 * the clock's offset, so a test with a 1-2 s window works without touching the clock, and a test that freezes or
 * drives the clock decides when a window ends); the day window uses the {@link SandboxClock} instant.
 * <p>
 * Counting: a call that is rejected with 429 does not use up the minute or day allowance (Xero does not count a 429
 * as a successful call); every admitted call counts, whatever its outcome (4xx, 5xx, injected fault, replay).
 */
final class RateLimits {

    static final int APP_MINUTE_LIMIT = 10_000;
    private static final long APP_WINDOW_NANOS = Duration.ofMinutes(1).toNanos();

    /** Outcome of {@link #acquire}: either a permit (rejection == null) or a ready 429 response. */
    record Admission(Window window, SandboxResponse rejection, Map<String, String> headers) {
        boolean admitted() {
            return rejection == null;
        }
    }

    /** Counters of one tenant (per app). Guarded by its own monitor. */
    static final class Window {
        int inFlight;
        long minuteStart = Long.MIN_VALUE;
        int minuteCount;
        Instant dayStart;
        int dayCount;
    }

    private static final class AppWindow {
        long start = Long.MIN_VALUE;
        int count;
    }

    private final SandboxSettings settings;
    private final SandboxClock clock;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Map<String, AppWindow> appWindows = new ConcurrentHashMap<>();

    RateLimits(SandboxSettings settings, SandboxClock clock, LongSupplier nanoTime) {
        this.settings = settings;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    /** Admits a tenant API call (then {@link #release} it) or answers the 429 Xero would send. */
    Admission acquire(String clientId, String tenantId) {
        Window w = windows.computeIfAbsent(clientId + "|" + tenantId, k -> new Window());
        AppWindow app = appWindows.computeIfAbsent(clientId, k -> new AppWindow());
        long nowNanos = nanoTime.getAsLong();
        Instant now = clock.instant();
        synchronized (w) {
            synchronized (app) {
                rollWindows(w, app, nowNanos, now);
                if (w.inFlight >= settings.concurrentLimit()) {
                    // no Retry-After: Xero documents it for the minute and day limits only
                    return reject(w, app, "concurrent", null);
                }
                if (w.dayCount >= settings.dayLimit()) {
                    long seconds = ceilSeconds(Duration.between(now, w.dayStart.plus(settings.dayWindow())).toNanos());
                    return reject(w, app, "day", seconds);
                }
                if (w.minuteCount >= settings.minuteLimit()) {
                    long seconds = ceilSeconds(w.minuteStart + settings.minuteWindow().toNanos() - nowNanos);
                    return reject(w, app, "minute", seconds);
                }
                if (app.count >= APP_MINUTE_LIMIT) {
                    return reject(w, app, "appminute", ceilSeconds(app.start + APP_WINDOW_NANOS - nowNanos));
                }
                w.inFlight++;
                w.minuteCount++;
                w.dayCount++;
                app.count++;
                return new Admission(w, null, headers(w, app));
            }
        }
    }

    void release(Admission admission) {
        if (!admission.admitted()) return;
        synchronized (admission.window()) {
            admission.window().inFlight--;
        }
    }

    /** Current headers of a tenant without counting a call (used for injected 429s). */
    Map<String, String> currentHeaders(String clientId, String tenantId) {
        Window w = windows.computeIfAbsent(clientId + "|" + tenantId, k -> new Window());
        AppWindow app = appWindows.computeIfAbsent(clientId, k -> new AppWindow());
        long nowNanos = nanoTime.getAsLong();
        Instant now = clock.instant();
        synchronized (w) {
            synchronized (app) {
                // read-only: an expired window counts as empty, but only a real call starts the next one
                boolean minuteOver = w.minuteStart == Long.MIN_VALUE
                        || nowNanos - w.minuteStart >= settings.minuteWindow().toNanos();
                boolean dayOver = w.dayStart == null || !now.isBefore(w.dayStart.plus(settings.dayWindow()));
                boolean appOver = app.start == Long.MIN_VALUE || nowNanos - app.start >= APP_WINDOW_NANOS;
                return headers(minuteOver ? 0 : w.minuteCount, dayOver ? 0 : w.dayCount, appOver ? 0 : app.count);
            }
        }
    }

    /** Counts a tenant-less call (GET /connections) against the app limit; returns X-AppMinLimit-Remaining. */
    int appCall(String clientId) {
        AppWindow app = appWindows.computeIfAbsent(clientId, k -> new AppWindow());
        long nowNanos = nanoTime.getAsLong();
        synchronized (app) {
            if (app.start == Long.MIN_VALUE || nowNanos - app.start >= APP_WINDOW_NANOS) {
                app.start = nowNanos;
                app.count = 0;
            }
            app.count++;
            return Math.max(0, APP_MINUTE_LIMIT - app.count);
        }
    }

    void reset() {
        windows.clear();
        appWindows.clear();
    }

    private void rollWindows(Window w, AppWindow app, long nowNanos, Instant now) {
        if (w.minuteStart == Long.MIN_VALUE || nowNanos - w.minuteStart >= settings.minuteWindow().toNanos()) {
            w.minuteStart = nowNanos;
            w.minuteCount = 0;
        }
        if (w.dayStart == null || !now.isBefore(w.dayStart.plus(settings.dayWindow()))) {
            w.dayStart = now;
            w.dayCount = 0;
        }
        if (app.start == Long.MIN_VALUE || nowNanos - app.start >= APP_WINDOW_NANOS) {
            app.start = nowNanos;
            app.count = 0;
        }
    }

    private Admission reject(Window w, AppWindow app, String problem, Long retryAfterSeconds) {
        Map<String, String> headers = headers(w, app);
        headers.put("X-Rate-Limit-Problem", problem);
        if (retryAfterSeconds != null) headers.put("Retry-After", Long.toString(retryAfterSeconds));
        // body undocumented (unverified); clients must rely on status and headers
        SandboxResponse response = SandboxResponse.text(429, "Rate limit exceeded").withHeaders(headers);
        return new Admission(w, response, headers);
    }

    private Map<String, String> headers(Window w, AppWindow app) {
        return headers(w.minuteCount, w.dayCount, app.count);
    }

    private Map<String, String> headers(int minuteCount, int dayCount, int appCount) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-DayLimit-Remaining", Integer.toString(Math.max(0, settings.dayLimit() - dayCount)));
        headers.put("X-MinLimit-Remaining", Integer.toString(Math.max(0, settings.minuteLimit() - minuteCount)));
        headers.put("X-AppMinLimit-Remaining", Integer.toString(Math.max(0, APP_MINUTE_LIMIT - appCount)));
        return headers;
    }

    /** Whole seconds, rounded up, at least 1 (a Retry-After of 0 would invite an immediate retry). */
    private static long ceilSeconds(long nanos) {
        long seconds = (nanos + 999_999_999L) / 1_000_000_000L;
        return Math.max(1, seconds);
    }
}
