package io.cscartxero.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The sandbox's notion of "now": real UTC time plus an offset that tests move forward with {@link #advance(Duration)}.
 * Time keeps flowing between calls (so UpdatedDateUTC values still increase), but tests can jump over token lifetimes,
 * idempotency TTLs and the day window without waiting.
 * <p>
 * Used for: access/refresh token expiry, authorization codes, idempotency TTL, the day rate-limit window and
 * UpdatedDateUTC ({@link #instant()}), and the minute rate-limit windows ({@link #nanoTime()}: {@link System#nanoTime()}
 * plus the offset, so that a short real window, e.g. 1 s, behaves as a real client would see it).
 * <p>
 * A test that must not depend on the machine's speed takes the time out of the real clock's hands: {@link #freeze()}
 * stops it (only {@link #advance} moves it), {@link #driveBy} lets it follow a time source the test controls (shared,
 * e.g., with the client's rate limiter); {@link #resetOffset()} goes back to real time.
 */
public final class SandboxClock extends Clock {

    /** Time taken from {@code source} from the moment it was attached, when the instant was {@code originInstant}. */
    private record Driven(LongSupplier source, long originNanos, Instant originInstant) {
        Instant instant() {
            return originInstant.plusNanos(source.getAsLong() - originNanos);
        }
    }

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final Clock base;
    private volatile Driven driven;

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
        driven = null;
        offset.set(Duration.ZERO);
    }

    /** Time stands still from now on; only {@link #advance} moves it. */
    public void freeze() {
        long now = System.nanoTime();
        driveBy(() -> now);
    }

    /**
     * From now on time moves as {@code nanoSource} moves (plus {@link #advance}): the minute windows read it directly,
     * the instant continues from the current one.
     */
    public void driveBy(LongSupplier nanoSource) {
        Instant now = instant().minus(offset.get());
        driven = new Driven(nanoSource, nanoSource.getAsLong(), now);
    }

    /** A monotonic reading in nanoseconds for the minute windows (only differences matter). */
    public long nanoTime() {
        Driven d = driven;
        return (d == null ? System.nanoTime() : d.source().getAsLong()) + offset.get().toNanos();
    }

    @Override
    public Instant instant() {
        Driven d = driven;
        return (d == null ? base.instant() : d.instant()).plus(offset.get());
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
