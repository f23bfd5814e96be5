package io.cscartxero.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what the sandbox received and answered. Thread-safe. The sandbox's own control endpoints
 * ({@code /sandbox/*}) are not counted. Every received request counts as a call, including rejected ones
 * (401, 403, 429, injected faults); {@link #writeCalls()} therefore counts write attempts, not successful writes.
 */
public final class SandboxStats {

    static final int MAX_RECORDED = 10_000;
    static final int MAX_BODY_CHARS = 64 * 1024;
    static final int MAX_TIMELINE = 1_000_000;

    private final Map<String, LongAdder> byMethodAndPath = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder faults = new LongAdder();
    private final LongAdder tokenRequests = new LongAdder();
    private final Deque<RecordedRequest> recent = new ArrayDeque<>();
    private final List<CallTime> timeline = new ArrayList<>();
    private final Map<String, TenantCounters> byTenant = new ConcurrentHashMap<>();

    /**
     * What one organisation received: API calls (xero-tenant-id, or the sole tenant of a custom connection's token),
     * of which writes, 429s and 401/403s, token requests of its custom connection, and the first and last of these
     * calls ({@link System#nanoTime()} and epoch milliseconds; 0 when none).
     */
    public record TenantCalls(String tenantId, long calls, long writeCalls, long rateLimited, long unauthorized,
            long tokenRequests, long firstCallNanos, long lastCallNanos, long firstCallEpochMs, long lastCallEpochMs) {

        /** Calls per minute between the first and the last call (0 with fewer than two calls). */
        public double callsPerMinute() {
            long span = lastCallNanos - firstCallNanos;
            return calls < 2 || span <= 0 ? 0 : (calls - 1) * 60e9 / span;
        }
    }

    private static final class TenantCounters {
        final LongAdder calls = new LongAdder();
        final LongAdder writes = new LongAdder();
        final LongAdder rateLimited = new LongAdder();
        final LongAdder unauthorized = new LongAdder();
        final LongAdder tokenRequests = new LongAdder();
        long firstNanos;
        long lastNanos;
        long firstMs;
        long lastMs;

        synchronized void touch(long nanos, long ms) {
            if (firstMs == 0) {
                firstNanos = nanos;
                firstMs = ms;
            }
            lastNanos = nanos;
            lastMs = ms;
        }
    }

    /**
     * When an API call ({@code /api.xro/...}) was answered, on the {@link System#nanoTime()} clock, with its method and
     * status: what benchmarks need for calls per window and the time to the first write.
     */
    public record CallTime(long nanos, String method, int status, String tenantId) {
        public boolean write() {
            return isWrite(method);
        }
    }

    /** Calls whose method matches (case-insensitive) and whose path (without query) ends with {@code pathSuffix}. */
    public long calls(String method, String pathSuffix) {
        String wantedMethod = method.toUpperCase(Locale.ROOT);
        long sum = 0;
        for (Map.Entry<String, LongAdder> e : byMethodAndPath.entrySet()) {
            int space = e.getKey().indexOf(' ');
            String m = e.getKey().substring(0, space);
            String path = e.getKey().substring(space + 1);
            if (m.equals(wantedMethod) && path.endsWith(pathSuffix)) sum += e.getValue().sum();
        }
        return sum;
    }

    /** PUT, POST and DELETE calls on {@code /api.xro/...} paths. */
    public long writeCalls() {
        return writes.sum();
    }

    public long totalCalls() {
        return total.sum();
    }

    /** 429 responses sent, real or injected. */
    public long rateLimited() {
        return rateLimited.sum();
    }

    /** Faults injected through {@link SandboxFaults} (forced statuses, 429s, random errors, slow and dropped calls). */
    public long faultsInjected() {
        return faults.sum();
    }

    /** Calls of {@code POST /connect/token}. */
    public long tokenRequests() {
        return tokenRequests.sum();
    }

    /** What one organisation received (all zero when nothing). */
    public TenantCalls tenant(String tenantId) {
        TenantCounters c = byTenant.get(tenantId.toLowerCase(Locale.ROOT));
        if (c == null) return new TenantCalls(tenantId, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        synchronized (c) {
            return new TenantCalls(tenantId, c.calls.sum(), c.writes.sum(), c.rateLimited.sum(), c.unauthorized.sum(),
                    c.tokenRequests.sum(), c.firstNanos, c.lastNanos, c.firstMs, c.lastMs);
        }
    }

    /** Every organisation that received a call, by tenant id. */
    public Map<String, TenantCalls> tenants() {
        Map<String, TenantCalls> out = new TreeMap<>();
        for (String id : byTenant.keySet()) out.put(id, tenant(id));
        return out;
    }

    /** {@link #tenants()} as plain maps, for {@code GET /sandbox/stats/tenants}. */
    public Map<String, Map<String, Object>> tenantsAsMap() {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        tenants().forEach((id, t) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("calls", t.calls());
            m.put("writeCalls", t.writeCalls());
            m.put("rateLimited", t.rateLimited());
            m.put("unauthorized", t.unauthorized());
            m.put("tokenRequests", t.tokenRequests());
            m.put("firstCallEpochMs", t.firstCallEpochMs());
            m.put("lastCallEpochMs", t.lastCallEpochMs());
            m.put("callsPerMinute", Math.round(t.callsPerMinute() * 10) / 10.0);
            out.put(id, m);
        });
        return out;
    }

    /** All counters, plus one entry per "METHOD /path" seen. */
    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("totalCalls", totalCalls());
        map.put("writeCalls", writeCalls());
        map.put("rateLimited", rateLimited());
        map.put("faultsInjected", faultsInjected());
        map.put("tokenRequests", tokenRequests());
        Map<String, Long> sorted = new TreeMap<>();
        byMethodAndPath.forEach((k, v) -> sorted.put(k, v.sum()));
        map.putAll(sorted);
        return map;
    }

    /** The most recent requests (up to 10,000), oldest first. */
    public List<RecordedRequest> requests() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    /** The answered API calls in order (up to 1,000,000; token and connection calls are not API calls). */
    public List<CallTime> timeline() {
        synchronized (timeline) {
            return new ArrayList<>(timeline);
        }
    }

    // ---- recording, called by the server ----

    void record(RecordedRequest request) {
        record(request, null);
    }

    /** @param tenantId the organisation the call was for, or null (unknown, or not an organisation's call) */
    void record(RecordedRequest request, String tenantId) {
        long nanos = System.nanoTime();
        if (tenantId != null) {
            TenantCounters c = byTenant.computeIfAbsent(tenantId.toLowerCase(Locale.ROOT), k -> new TenantCounters());
            c.calls.increment();
            if (request.path().startsWith(XeroSandbox.API_PREFIX) && isWrite(request.method())) c.writes.increment();
            if (request.status() == 429) c.rateLimited.increment();
            if (request.status() == 401 || request.status() == 403) c.unauthorized.increment();
            if (request.path().equals("/connect/token")) c.tokenRequests.increment();
            c.touch(nanos, System.currentTimeMillis());
        }
        total.increment();
        byMethodAndPath.computeIfAbsent(request.method() + " " + request.path(), k -> new LongAdder()).increment();
        if (request.path().startsWith(XeroSandbox.API_PREFIX) && isWrite(request.method())) writes.increment();
        if (request.path().startsWith(XeroSandbox.API_PREFIX)) {
            synchronized (timeline) {
                if (timeline.size() < MAX_TIMELINE) timeline.add(new CallTime(nanos, request.method(), request.status(), tenantId));
            }
        }
        if (request.path().equals("/connect/token")) tokenRequests.increment();
        if (request.status() == 429) rateLimited.increment();
        synchronized (recent) {
            recent.addLast(request);
            while (recent.size() > MAX_RECORDED) recent.removeFirst();
        }
    }

    void faultInjected() {
        faults.increment();
    }

    void reset() {
        byMethodAndPath.clear();
        total.reset();
        writes.reset();
        rateLimited.reset();
        faults.reset();
        tokenRequests.reset();
        byTenant.clear();
        synchronized (recent) {
            recent.clear();
        }
        synchronized (timeline) {
            timeline.clear();
        }
    }

    private static boolean isWrite(String method) {
        return method.equals("PUT") || method.equals("POST") || method.equals("DELETE");
    }
}
