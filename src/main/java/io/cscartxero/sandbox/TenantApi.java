package io.cscartxero.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.cscartxero.sandbox.SandboxFaults.Decision;
import io.cscartxero.sandbox.TokenStore.AccessToken;

/**
 * The pipeline of every {@code /api.xro/2.0/*} call, in the order Xero's gateway applies it:
 * bearer token (401) → tenant and scope (403) → forced 429s (queued, or every call of a rate-limited organisation) → rate limits (429) → other injected faults →
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
    private final ItemsEndpoint items;
    private final InvoicesEndpoint invoices;
    private final PaymentsEndpoint payments;
    private final CreditNotesEndpoint creditNotes;
    private final SettingsEndpoints settings;
    private final TrackingEndpoint tracking;
    private final SandboxClock clock;
    private final Function<String, Tenant> tenants;

    TenantApi(TokenStore tokens, RateLimits limits, SandboxFaults faults, SandboxStats stats,
            IdempotencyCache idempotency, SandboxClock clock, Function<String, Tenant> tenants) {
        this.tokens = tokens;
        this.limits = limits;
        this.faults = faults;
        this.stats = stats;
        this.idempotency = idempotency;
        this.contacts = new ContactsEndpoint(clock);
        this.items = new ItemsEndpoint(clock);
        this.invoices = new InvoicesEndpoint(clock);
        this.payments = new PaymentsEndpoint(clock);
        this.creditNotes = new CreditNotesEndpoint(clock);
        this.settings = new SettingsEndpoints(clock);
        this.tracking = new TrackingEndpoint(clock);
        this.clock = clock;
        this.tenants = tenants;
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
        if (!hasScope(token, endpoint, request.method())) return XeroErrors.forbidden();

        if (faults.rateLimitsTenant(tenantId) || faults.takeForcedRateLimit()) {
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
            if (faults.takeHold(request.method(), request.path(), false)) {
                faults.awaitRelease();
                return DROPPED;   // never executed
            }

            SandboxResponse response = withIdempotency(request, token.grant.clientId,
                    () -> dispatch(request, endpoint, rest, tenantId, token.grant.clientId));
            if (faults.takeHold(request.method(), request.path(), true)) {
                faults.awaitRelease();
                return DROPPED;   // executed; its answer is lost
            }
            // a dropped call has been executed; only its answer is lost
            return fault.drop() ? DROPPED : response.withHeaders(admission.headers());
        } finally {
            limits.release(admission);
        }
    }

    private SandboxResponse dispatch(SandboxRequest request, String endpoint, String rest, String tenantId,
            String clientId) {
        Tenant tenant = tenants.apply(tenantId);
        String subPath = rest.substring(Math.min(rest.length(), 1 + endpoint.length())); // "" or "/{id}..."
        return switch (endpoint) {
            case "contacts" -> contacts.handle(request, subPath, tenant.contacts);
            case "items" -> items.handle(request, subPath, tenant);
            case "invoices" -> invoices.handle(request, subPath, tenant, clientId);
            case "payments" -> payments.handle(request, subPath, tenant);
            case "creditnotes" -> creditNotes.handle(request, subPath, tenant, clientId);
            case "accounts", "taxrates", "currencies", "organisation" ->
                    settings.handle(request, endpoint, subPath, tenant.org);
            case "trackingcategories" -> tracking.handle(request, subPath, tenant.org.tracking());
            default -> XeroErrors.notFound(); // other endpoints are not simulated
        };
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

    /**
     * The scopes that allow an endpoint (Xero's API docs: OAuth 2.0 scopes and tenants), broad or granular; GET also accepts the ".read"
     * variant. Items are listed under accounting.settings and, in the granular set, accounting.invoices.
     * Endpoints that are not simulated are not checked (they answer 404).
     */
    static boolean hasScope(AccessToken token, String endpoint, String method) {
        List<String> allowed = switch (endpoint) {
            case "contacts" -> List.of("accounting.contacts");
            case "accounts", "taxrates", "currencies", "organisation", "trackingcategories" -> List.of("accounting.settings");
            case "items" -> List.of("accounting.settings", "accounting.invoices");
            case "invoices" -> List.of("accounting.transactions", "accounting.invoices");
            case "payments" -> List.of("accounting.transactions", "accounting.payments");
            case "creditnotes" -> List.of("accounting.transactions", "accounting.invoices");
            default -> null;
        };
        if (allowed == null) return true;
        for (String scope : allowed) {
            if (token.grant.hasScope(scope) || (method.equals("GET") && token.grant.hasScope(scope + ".read"))) {
                return true;
            }
        }
        return false;
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
