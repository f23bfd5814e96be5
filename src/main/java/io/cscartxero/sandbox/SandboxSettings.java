package io.cscartxero.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of a {@link XeroSandbox}. Defaults mirror Xero's documented limits and lifetimes
 * (60 calls/min, 5,000/day, 5 concurrent, 30 min access tokens, 30 min refresh-token grace, ~6 min idempotency keys).
 *
 * @param port              TCP port; 0 picks a free port
 * @param concurrentLimit   calls in flight per tenant
 * @param minuteLimit       calls per {@code minuteWindow} per tenant (fixed window, measured in real time)
 * @param dayLimit          calls per {@code dayWindow} per tenant (fixed window, measured on the sandbox clock)
 * @param accessTokenTtl    lifetime of access tokens on the sandbox clock
 * @param refreshTokenGrace how long a rotated refresh token may still be used
 * @param idempotencyTtl    how long an Idempotency-Key is remembered
 */
public record SandboxSettings(int port, String clientId, String clientSecret, String tenantId, String tenantName,
        int concurrentLimit, int minuteLimit, Duration minuteWindow, int dayLimit, Duration dayWindow,
        Duration accessTokenTtl, Duration refreshTokenGrace, Duration idempotencyTtl) {

    public static final String DEFAULT_TENANT_ID = "6f1b7d3e-0c1a-4b8e-9a55-2f0c5e7d9a11";

    public SandboxSettings {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(tenantName, "tenantName");
        requirePositive(concurrentLimit, "concurrentLimit");
        requirePositive(minuteLimit, "minuteLimit");
        requirePositive(dayLimit, "dayLimit");
        requirePositive(minuteWindow, "minuteWindow");
        requirePositive(dayWindow, "dayWindow");
        requirePositive(accessTokenTtl, "accessTokenTtl");
        Objects.requireNonNull(refreshTokenGrace, "refreshTokenGrace");
        requirePositive(idempotencyTtl, "idempotencyTtl");
    }

    public static SandboxSettings defaults() {
        return new SandboxSettings(8089, "sandbox-client", "sandbox-secret", DEFAULT_TENANT_ID,
                "Sandbox Company (CS-Cart demo)", 5, 60, Duration.ofMinutes(1), 5000, Duration.ofDays(1),
                Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(6));
    }

    public SandboxSettings withPort(int newPort) {
        return new SandboxSettings(newPort, clientId, clientSecret, tenantId, tenantName, concurrentLimit,
                minuteLimit, minuteWindow, dayLimit, dayWindow, accessTokenTtl, refreshTokenGrace, idempotencyTtl);
    }

    public SandboxSettings withMinuteLimit(int limit, Duration window) {
        return new SandboxSettings(port, clientId, clientSecret, tenantId, tenantName, concurrentLimit,
                limit, window, dayLimit, dayWindow, accessTokenTtl, refreshTokenGrace, idempotencyTtl);
    }

    public SandboxSettings withDayLimit(int limit, Duration window) {
        return new SandboxSettings(port, clientId, clientSecret, tenantId, tenantName, concurrentLimit,
                minuteLimit, minuteWindow, limit, window, accessTokenTtl, refreshTokenGrace, idempotencyTtl);
    }

    public SandboxSettings withConcurrentLimit(int limit) {
        return new SandboxSettings(port, clientId, clientSecret, tenantId, tenantName, limit,
                minuteLimit, minuteWindow, dayLimit, dayWindow, accessTokenTtl, refreshTokenGrace, idempotencyTtl);
    }

    public SandboxSettings withCredentials(String newClientId, String newClientSecret) {
        return new SandboxSettings(port, newClientId, newClientSecret, tenantId, tenantName, concurrentLimit,
                minuteLimit, minuteWindow, dayLimit, dayWindow, accessTokenTtl, refreshTokenGrace, idempotencyTtl);
    }

    public SandboxSettings withTenant(String newTenantId, String newTenantName) {
        return new SandboxSettings(port, clientId, clientSecret, newTenantId, newTenantName, concurrentLimit,
                minuteLimit, minuteWindow, dayLimit, dayWindow, accessTokenTtl, refreshTokenGrace, idempotencyTtl);
    }

    /** Not in the brief's list but handy for tests of token expiry and key expiry. */
    public SandboxSettings withLifetimes(Duration newAccessTokenTtl, Duration newRefreshTokenGrace,
            Duration newIdempotencyTtl) {
        return new SandboxSettings(port, clientId, clientSecret, tenantId, tenantName, concurrentLimit,
                minuteLimit, minuteWindow, dayLimit, dayWindow, newAccessTokenTtl, newRefreshTokenGrace,
                newIdempotencyTtl);
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) throw new IllegalArgumentException(name + " must be positive: " + value);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) throw new IllegalArgumentException(name + " must be positive");
    }
}
