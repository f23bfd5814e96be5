package io.cscartxero.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sandbox's notion of "now": real UTC time plus an offset that tests move forward with {@link #advance(Duration)}.
 * Time keeps flowing between calls (so UpdatedDateUTC values still increase), but tests can jump over token lifetimes,
 * idempotency TTLs and the day window without waiting.
 * <p>
 * Used for: access/refresh token expiry, authorization codes, idempotency TTL, the day rate-limit window and
 * UpdatedDateUTC. Not used for: the minute rate-limit window, which runs on {@link System#nanoTime()} so that a short
 * real window (e.g. 2 s) behaves like a real client would see it.
 */
public final class SandboxClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final Clock base;

    public SandboxClock() {
        this(Clock.systemUTC());
    }

    SandboxClock(Clock base) {
        this.base = base;
    }

    /** Moves the sandbox time forward (or backward with a negative duration). */
    public void advance(Duration amount) {
        offset.updateAndGet(current -> current.plus(amount));
    }

    /** How far the sandbox time is ahead of the real clock. */
    public Duration offset() {
        return offset.get();
    }

    /** Back to real time. */
    public void resetOffset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // a view that follows this clock's offset but reports another zone
        SandboxClock self = this;
        return new Clock() {
            @Override public ZoneId getZone() { return zone; }
            @Override public Clock withZone(ZoneId other) { return self.withZone(other); }
            @Override public Instant instant() { return self.instant(); }
        };
    }
}
