package io.cscartxero.xero;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Xero API calls as Micrometer meters ({@code xero.api.calls} by method, {@code xero.api.rate_limited},
 * {@code xero.api.retries}, {@code xero.api.day_remaining}), also read by the per-chunk progress log and summaries.
 */
public class XeroCallMetrics {

    private final MeterRegistry registry;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong writeCalls = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong dayRemaining = new AtomicLong(-1);
    private final Counter transientFailures;

    public XeroCallMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.transientFailures = registry.counter("xero.api.transient_failures");
        registry.counter("xero.api.rate_limited");   // registered up front: a scrape shows 0, not nothing
        registry.counter("xero.api.retries");
        Gauge.builder("xero.api.day_remaining", dayRemaining, AtomicLong::get)
                .description("Daily calls left as Xero last reported them (-1: unknown)").register(registry);
    }

    void call(String method) {
        calls.incrementAndGet();
        if (!"GET".equals(method)) {
            writeCalls.incrementAndGet();
        }
        registry.counter("xero.api.calls", "method", method).increment();
    }

    void rateLimited() {
        rateLimited.incrementAndGet();
        registry.counter("xero.api.rate_limited").increment();
    }

    void retried() {
        retries.incrementAndGet();
        registry.counter("xero.api.retries").increment();
    }

    void transientFailure() {
        transientFailures.increment();
    }

    void dayRemaining(String header) {
        if (header != null) {
            try {
                dayRemaining.set(Long.parseLong(header.trim()));
            } catch (NumberFormatException ignored) {
                // a malformed header leaves the last known value
            }
        }
    }

    public long calls() {
        return calls.get();
    }

    public long writeCalls() {
        return writeCalls.get();
    }

    public long rateLimitedCount() {
        return rateLimited.get();
    }

    public long retryCount() {
        return retries.get();
    }

    public long dayRemainingValue() {
        return dayRemaining.get();
    }
}
