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

    /** Tag {@code tenant=<name>} on every meter in a tenant's context (serve shares one registry); none without tenants. */
    private final io.micrometer.core.instrument.Tags tags;

    @org.springframework.beans.factory.annotation.Autowired   // the constructor of ConnectorDatabaseContext's @Import
    public XeroCallMetrics(MeterRegistry registry) {
        this(registry, "");
    }

    public XeroCallMetrics(MeterRegistry registry, String tenant) {
        this.registry = registry;
        this.tags = tenant == null || tenant.isEmpty() ? io.micrometer.core.instrument.Tags.empty()
                : io.micrometer.core.instrument.Tags.of("tenant", tenant);
        this.transientFailures = registry.counter("xero.api.transient_failures", tags);
        registry.counter("xero.api.rate_limited", tags);   // registered up front: a scrape shows 0, not nothing
        registry.counter("xero.api.retries", tags);
        Gauge.builder("xero.api.day_remaining", dayRemaining, AtomicLong::get).tags(tags)
                .description("Daily calls left as Xero last reported them (-1: unknown)").register(registry);
    }

    void call(String method) {
        calls.incrementAndGet();
        if (!"GET".equals(method)) {
            writeCalls.incrementAndGet();
        }
        registry.counter("xero.api.calls", tags.and("method", method)).increment();
    }

    void rateLimited() {
        rateLimited.incrementAndGet();
        registry.counter("xero.api.rate_limited", tags).increment();
    }

    void retried() {
        retries.incrementAndGet();
        registry.counter("xero.api.retries", tags).increment();
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
