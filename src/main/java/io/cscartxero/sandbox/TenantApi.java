package io.cscartxero.sandbox;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.cscartxero.sandbox.SandboxFaults.Decision;
import io.cscartxero.sandbox.TokenStore.AccessToken;

/**
 * The pipeline of every {@code /api.xro/2.0/*} call, in the order Xero's gateway applies it:
 * bearer token (401) → tenant and scope (403) → forced 429s → rate limits (429) → other injected faults →
 * Idempotency-Key → endpoint.
 * Every response that passed the rate limiter carries X-DayLimit-Remaining, X-MinLimit-Remaining and
 * X-AppMinLimit-Remaining.
 */
final class TenantApi {

    /** Marker response: close the connection without answering. */
    static final SandboxResponse DROPPED = new SandboxResponse(0, Map.of(), new byte[0]);

    private final TokenStore tokens;
    private final RateLimits limits;
    private final SandboxFaults faults;
    private final SandboxStats stats;
    private final IdempotencyCache idempotency;
    private final ContactsEndpoint contacts;
    private final SandboxClock clock;
    private final Function<String, ContactStore> storeOfTenant;

    TenantApi(TokenStore tokens, RateLimits limits, SandboxFaults faults, SandboxStats stats,
            IdempotencyCache idempotency, ContactsEndpoint contacts, SandboxClock clock,
            Function<String, ContactStore> storeOfTenant) {
        this.tokens = tokens;
        this.limits = limits;
        this.faults = faults;
        this.stats = stats;
        this.idempotency = idempotency;
        this.contacts = contacts;
        this.clock = clock;
        this.storeOfTenant = storeOfTenant;
    }

    /** @param rest the path after {@code /api.xro/2.0}, e.g. "/Contacts/abc" */
    SandboxResponse handle(SandboxRequest request, String rest) {
        AccessToken token;
        String tenantId;
        try {
            token = OAuthEndpoints.authenticate(request, tokens, clock);
            tenantId = tenant(request, token);
        } catch (XeroApiException e) {
            return e.response();
        }
        String endpoint = firstSegment(rest);
        if (endpoint.equals("contacts") && !hasContactsScope(token, request.method())) return XeroErrors.forbidden();

        if (faults.takeForcedRateLimit()) {
            stats.faultInjected();
            return forcedRateLimit(token.grant.clientId, tenantId);
        }
        RateLimits.Admission admission = limits.acquire(token.grant.clientId, tenantId);
        if (!admission.admitted()) return admission.rejection();
        try {
            Decision fault = faults.next();
            if (fault.injected()) stats.faultInjected();
            if (fault.status() != 0) return XeroErrors.injected(fault.status()).withHeaders(admission.headers());
            if (!fault.delay().isZero()) sleep(fault.delay().toMillis());

            SandboxResponse response = withIdempotency(request, token.grant.clientId,
                    () -> dispatch(request, endpoint, rest, tenantId));
            // a dropped call has been executed; only its answer is lost
            return fault.drop() ? DROPPED : response.withHeaders(admission.headers());
        } finally {
            limits.release(admission);
        }
    }

    private SandboxResponse dispatch(SandboxRequest request, String endpoint, String rest, String tenantId) {
        if (endpoint.equals("contacts")) {
            return contacts.handle(request, rest.substring("/contacts".length()), storeOfTenant.apply(tenantId));
        }
        return XeroErrors.notFound(); // other endpoints are not simulated
    }

    /** Idempotency-Key applies to PUT and POST only; it is ignored on other methods, as in Xero. */
    private SandboxResponse withIdempotency(SandboxRequest request, String clientId,
            java.util.function.Supplier<SandboxResponse> action) {
        String key = request.header("Idempotency-Key");
        boolean write = request.method().equals("PUT") || request.method().equals("POST");
        if (!write || key == null || key.isEmpty()) return action.get();
        return idempotency.execute(clientId, key, request, action);
    }

    /**
     * The tenant of the call: {@code xero-tenant-id} must name a tenant connected to the token's consent; custom
     * connections (client_credentials) may omit it. Otherwise 403 AuthenticationUnsuccessful.
     */
    private String tenant(SandboxRequest request, AccessToken token) {
        String header = request.header("xero-tenant-id");
        if (header == null || header.isBlank()) {
            String sole = token.grant.clientCredentials ? tokens.soleTenant(token.grant) : null;
            if (sole == null) throw new XeroApiException(XeroErrors.forbidden());
            return sole;
        }
        for (TokenStore.Connection c : tokens.connections(token.grant)) {
            if (c.tenantId().equalsIgnoreCase(header.trim())) return c.tenantId();
        }
        throw new XeroApiException(XeroErrors.forbidden());
    }

    /** Contacts need accounting.contacts (or .read for GET); broad and granular scope sets both have it. */
    private static boolean hasContactsScope(AccessToken token, String method) {
        return token.grant.hasScope("accounting.contacts")
                || (method.equals("GET") && token.grant.hasScope("accounting.contacts.read"));
    }

    /** A minute-limit 429 as the real limiter would send it; not counted against the allowances. */
    private SandboxResponse forcedRateLimit(String clientId, String tenantId) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(limits.currentHeaders(clientId, tenantId));
        headers.put("X-MinLimit-Remaining", "0");
        headers.put("X-Rate-Limit-Problem", "minute");
        headers.put("Retry-After", "1");
        return SandboxResponse.text(429, "Rate limit exceeded").withHeaders(headers);
    }

    private static String firstSegment(String rest) {
        String trimmed = rest.startsWith("/") ? rest.substring(1) : rest;
        int slash = trimmed.indexOf('/');
        return (slash < 0 ? trimmed : trimmed.substring(0, slash)).toLowerCase(Locale.ROOT);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
