package io.cscartxero.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} handling for PUT/POST (Xero's API docs: Idempotency-Key): keys are scoped per app (client id) and live
 * {@code idempotencyTtl} from first use on the sandbox clock. Within that time the same key with the same
 * method + path + query + body replays the stored response (status and body, errors included) without executing again;
 * the same key with another request is rejected with 400. A request that arrives while the first one with its key is
 * still running waits for it and then replays its response.
 */
final class IdempotencyCache {

    static final int MAX_KEY_LENGTH = 128;

    private record Entry(String fingerprint, CompletableFuture<SandboxResponse> response, Instant expiresAt) {
    }

    private final SandboxClock clock;
    private final java.time.Duration ttl;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicInteger callsSincePurge = new AtomicInteger();

    IdempotencyCache(SandboxClock clock, java.time.Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Checks the key and runs {@code action} at most once per key and TTL. */
    SandboxResponse execute(String clientId, String key, SandboxRequest request, Supplier<SandboxResponse> action) {
        if (key.length() > MAX_KEY_LENGTH) {
            // behaviour for over-long keys is unverified; the spec only says "128 character max."
            return XeroErrors.badRequest("Idempotency Key: " + key + " is longer than the maximum of "
                    + MAX_KEY_LENGTH + " characters.");
        }
        purgeNowAndThen();
        Instant now = clock.instant();
        Entry mine = new Entry(fingerprint(request), new CompletableFuture<>(), now.plus(ttl));
        Entry winner = entries.compute(clientId + "\n" + key,
                (k, old) -> old == null || !now.isBefore(old.expiresAt()) ? mine : old);
        if (winner == mine) {
            SandboxResponse response;
            try {
                response = action.get();
            } catch (RuntimeException e) {
                response = XeroErrors.unknownError();
            }
            mine.response().complete(response);
            return response;
        }
        if (!winner.fingerprint().equals(mine.fingerprint())) {
            return XeroErrors.badRequest("Idempotency Key: " + key + " is used with a different request.");
        }
        return winner.response().join();
    }

    void reset() {
        entries.clear();
    }

    private void purgeNowAndThen() {
        if (callsSincePurge.incrementAndGet() % 256 != 0) return;
        Instant now = clock.instant();
        entries.values().removeIf(e -> !now.isBefore(e.expiresAt()) && e.response().isDone());
    }

    private static String fingerprint(SandboxRequest request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.method() + " " + request.path() + "?" + request.rawQuery() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(request.body());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
