package io.cscartxero.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.cscartxero.xero.XeroProperties;
import io.cscartxero.xero.XeroRateLimiter;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Time that moves only when a test (or a waiting limiter) moves it: one source for the connector's rate limiter
 * ({@link #ticker()}), the sandbox's clock ({@code sandbox.clock().driveBy(time::nanoTime)}) and anything taking a
 * {@link Clock} ({@link #clock()}), so tests assert ordering and counts without depending on the machine's speed.
 * <p>
 * Two ways a waiter is served:
 * <ul>
 *   <li>{@link #virtual()}: a wait <em>is</em> the passing of time — whoever waits N ns moves the time forward by N ns
 *       (to the moment it waits for) and carries on at once. Calls made on one thread then happen at exactly the
 *       virtual instants the limiter chose, however slow the machine.</li>
 *   <li>{@link #manual()}: time stands still until {@link #advance}; a waiter sleeps until then.</li>
 * </ul>
 */
public final class ManualTime {

    private static final Instant ORIGIN = Instant.parse("2026-01-05T09:00:00Z");

    private final AtomicLong nanos = new AtomicLong();
    private final boolean waitsAdvance;
    private final Set<Object> waiting = ConcurrentHashMap.newKeySet();

    private ManualTime(boolean waitsAdvance) {
        this.waitsAdvance = waitsAdvance;
    }

    /** A wait moves the time forward by what it waits for. */
    public static ManualTime virtual() {
        return new ManualTime(true);
    }

    /** Time moves only by {@link #advance}. */
    public static ManualTime manual() {
        return new ManualTime(false);
    }

    public long nanoTime() {
        return nanos.get();
    }

    /** How much time has passed since this time was created. */
    public Duration elapsed() {
        return Duration.ofNanos(nanos.get());
    }

    public void advance(Duration amount) {
        nanos.addAndGet(amount.toNanos());
        for (Object monitor : waiting) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    /** The limiter's view of this time. */
    public XeroRateLimiter.Ticker ticker() {
        return new XeroRateLimiter.Ticker() {
            @Override
            public long nanoTime() {
                return ManualTime.this.nanoTime();
            }

            @Override
            public void await(Object monitor, long waitNanos) throws InterruptedException {
                if (waitsAdvance) {
                    long target = nanos.get() + waitNanos;
                    nanos.accumulateAndGet(target, Math::max);
                    return;
                }
                // the caller holds the monitor: advance() cannot notify between its reading of the time and this wait;
                // the bound only guards against a notification to a monitor registered a moment too late
                waiting.add(monitor);
                monitor.wait(50);
            }
        };
    }

    /**
     * For an application context: its {@link XeroRateLimiter} counts and waits on this time (same limits as
     * configured). Together with {@code sandbox.clock().driveBy(time::nanoTime)} client and Xero share one time.
     */
    public ApplicationContextInitializer<ConfigurableApplicationContext> asRateLimiterClock() {
        return context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof XeroRateLimiter)) {
                    return bean;
                }
                XeroProperties xero = context.getBean(XeroProperties.class);
                return new XeroRateLimiter(xero.maxInFlight(), xero.callsPerWindow(), xero.window(), ticker());
            }
        });
    }

    /** A UTC clock on this time (for code that reads a {@link Clock}). */
    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return ORIGIN.plusNanos(nanos.get());
            }
        };
    }
}
